/// One complete SCTP user message (RFC 9260 section 6.9 and RFC 8260), rebuilt from one or more
/// DATA or I-DATA chunks: for SIP over SCTP (RFC 4168), one SIP message.
struct SCTPUserMessage: Hashable, Sendable {
    var source: Endpoint
    var destination: Endpoint
    var streamIdentifier: UInt16
    /// The PPID of the first fragment (RFC 9260 section 3.3.1); SIP uses 0 or, rarely, 39.
    var payloadProtocolIdentifier: UInt32
    var payload: [UInt8]
    /// The records that carried its chunks, ascending, each once.
    var recordNumbers: [Int]
    /// The time of the packet whose chunk completed the message.
    var time: CaptureTime
    /// How many chunks it came in (1 when not fragmented).
    var fragmentCount: Int
}
