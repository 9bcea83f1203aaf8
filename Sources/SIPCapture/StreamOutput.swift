/// What decoding a TCP stream yields, in stream order.
enum StreamOutput: Hashable, Sendable {
    /// A SIP message framed from the stream (transport `.tcp`) or carried in WebSocket
    /// messages (transport `.ws`, RFC 7118 section 5.2).
    case message(CapturedMessage)
    /// Bytes that crossed the wire but are not in the capture.
    case gap(StreamGap)
    /// One whole HEP packet framed from a stream by its length field; the caller decodes it.
    case hep(bytes: [UInt8], time: CaptureTime, recordNumbers: [Int])
}
