/// Distribution of a timing figure across calls, by the nearest-rank method (the smallest value
/// with at least p% of the values at or below it), so every figure is a value that occurred.
public struct Percentiles: Hashable, Sendable {
    public var count: Int
    public var minimum: Double
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var maximum: Double

    /// `nil` for no values.
    public init?(_ values: [Double]) {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        func rank(_ percent: Int) -> Double {
            // ceil(p/100 * n) as a 1-based rank, clamped to the array.
            let position = (percent * sorted.count + 99) / 100
            return sorted[min(max(position, 1), sorted.count) - 1]
        }
        count = sorted.count
        minimum = first
        p50 = rank(50)
        p90 = rank(90)
        p95 = rank(95)
        p99 = rank(99)
        maximum = last
    }
}
