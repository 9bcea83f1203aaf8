/// A parsed TCP header (RFC 9293 section 3.1); ``payload`` is borrowed from the packet and
/// must not outlive it.
struct TCPSegment {
    var sourcePort: UInt16
    var destinationPort: UInt16
    var sequenceNumber: UInt32
    var acknowledgementNumber: UInt32
    var flags: TCPFlags
    var payload: UnsafeRawBufferPointer

    /// The smallest TCP header: RFC 9293 section 3.1 sets the data offset to at least 5 words.
    static let minimumHeaderLength = 20

    /// Parses the header at the start of `bytes`; `nil` when malformed (fewer than 20 bytes,
    /// data offset below 5, or a data offset pointing past the bytes).
    ///
    /// Options are skipped: reassembly needs only ports, sequence numbers and flags.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> TCPSegment? {
        guard let sourcePort = bytes.u16(at: 0),
            let destinationPort = bytes.u16(at: 2),
            let sequenceNumber = bytes.u32(at: 4),
            let acknowledgementNumber = bytes.u32(at: 8),
            let offsetByte = bytes.u8(at: 12),
            let flagByte = bytes.u8(at: 13)
        else { return nil }
        let headerLength = Int(offsetByte >> 4) * 4
        guard headerLength >= minimumHeaderLength, headerLength <= bytes.count else { return nil }
        return TCPSegment(
            sourcePort: sourcePort,
            destinationPort: destinationPort,
            sequenceNumber: sequenceNumber,
            acknowledgementNumber: acknowledgementNumber,
            flags: TCPFlags(rawValue: flagByte),
            payload: bytes.slice(from: headerLength)
        )
    }
}
