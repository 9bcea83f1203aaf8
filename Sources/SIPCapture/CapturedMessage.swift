/// One SIP message as it was captured: where and when it crossed the wire, and its bytes.
///
/// This is what every capture source (pcap, pcapng, HEP, API exports) produces; the
/// SIP parser reads ``payload``.
public struct CapturedMessage: Hashable, Sendable {
    /// When the message was complete at the capture point (for a message split over
    /// several TCP segments or IP fragments, the time of the last one, as Wireshark does).
    public var time: CaptureTime
    public var source: Endpoint
    public var destination: Endpoint
    public var transport: SIPTransport
    /// The 1-based record (frame) numbers the message came from, as Wireshark counts them.
    public var recordNumbers: [Int]
    /// The SIP message bytes, start line to end of body.
    public var payload: [UInt8]
    /// How the message was recovered, when that is worth knowing.
    public var notes: [CaptureNote]

    public init(
        time: CaptureTime,
        source: Endpoint,
        destination: Endpoint,
        transport: SIPTransport,
        recordNumbers: [Int],
        payload: [UInt8],
        notes: [CaptureNote] = []
    ) {
        self.time = time
        self.source = source
        self.destination = destination
        self.transport = transport
        self.recordNumbers = recordNumbers
        self.payload = payload
        self.notes = notes
    }

    /// The first line of the payload without its line ending, decoded leniently as UTF-8.
    public var startLine: String {
        let end = payload.firstIndex(where: { $0 == 0x0D || $0 == 0x0A }) ?? payload.endIndex
        return String(decoding: payload[..<end], as: UTF8.self)
    }
}
