/// Frames HEP3 packets sent one after another over a stream (capture-formats.md section
/// 6): each starts with `HEP3` (or `EEP3`) and a big-endian u16 total length that covers
/// the whole packet, header included.
///
/// HEP v1 and v2 carry no total length (their length byte covers the header only), so
/// they cannot be framed on a stream and are not recognised here.
enum HEPStreamFramer {
    /// The size of the HEP3 header: magic and total length.
    static let headerLength = 6

    /// What the bytes at the start of a stream position say.
    enum Length: Hashable, Sendable {
        /// A HEP3 packet of this many bytes starts here.
        case length(Int)
        /// The bytes agree with a HEP3 header so far but end before it does.
        case needMore
        /// No HEP3 packet starts here.
        case notHEP
    }

    /// Reads the HEP3 header at the start of `bytes`.
    static func packetLength(_ bytes: UnsafeRawBufferPointer) -> Length {
        guard agrees(bytes, with: "HEP3") || agrees(bytes, with: "EEP3") else { return .notHEP }
        guard let length = bytes.u16(at: 4) else { return .needMore }
        return Int(length) >= headerLength ? .length(Int(length)) : .notHEP
    }

    /// Whether the first (up to four) bytes agree with `magic`.
    private static func agrees(_ bytes: UnsafeRawBufferPointer, with magic: StaticString) -> Bool {
        let expected = UnsafeRawBufferPointer(start: magic.utf8Start, count: magic.utf8CodeUnitCount)
        for index in 0..<min(bytes.count, expected.count) where bytes.u8(at: index) != expected[index] {
            return false
        }
        return true
    }
}
