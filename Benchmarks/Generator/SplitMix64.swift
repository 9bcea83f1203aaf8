#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small deterministic random generator (SplitMix64, Steele, Lea and Flood 2014), so
/// that the same seed gives the same capture on every machine and toolchain, unlike the
/// system generator.
struct SplitMix64 {
    private var state: UInt64

    /// A generator whose whole output is fixed by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A value in `range` (modulo bias is negligible for the small ranges used here).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// A uniform value in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Whether an event of probability `probability` happens.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An exponentially distributed value with the given mean (inverse transform sampling).
    mutating func exponential(mean: Double) -> Double {
        -mean * log1p(-unit())
    }

    /// `count` random lowercase hexadecimal digits, as SIP stacks use for tags and branches.
    mutating func hex(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        var bits = next()
        for index in 0..<count {
            if index > 0, index % 16 == 0 { bits = next() }
            text.append(Self.digits[Int(bits & 0xf)])
            bits >>= 4
        }
        return text
    }

    /// One of `elements`, which must not be empty.
    mutating func pick<T>(_ elements: [T]) -> T {
        elements[int(in: 0...(elements.count - 1))]
    }

    private static let digits: [Character] = Array("0123456789abcdef")
}
