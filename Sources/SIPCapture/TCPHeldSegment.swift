/// Bytes of one TCP direction that arrived before the bytes preceding them: kept until the
/// hole fills or is declared lost.
struct TCPHeldSegment {
    /// Sequence number of the first byte.
    var sequenceNumber: UInt32
    var bytes: [UInt8]
    var recordNumber: Int
    var time: CaptureTime
}
