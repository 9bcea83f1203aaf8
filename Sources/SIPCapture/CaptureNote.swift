/// Something worth knowing about how a message was recovered from the capture.
public enum CaptureNote: Hashable, Sendable, CustomStringConvertible {
    /// The IP datagram was rebuilt from this many fragments (RFC 791 / RFC 8200 section 4.5).
    case reassembledFromFragments(Int)
    /// The message spanned this many TCP segments or WebSocket frames.
    case reassembledFromSegments(Int)
    /// The stream decoder skipped this many bytes before finding a SIP start line.
    case resynchronised(skippedBytes: Int)
    /// Bytes were missing from the stream before this message (lost segments).
    case followsGap(missingBytes: Int)
    /// The capture stored fewer bytes than were on the wire (snaplen); the message is cut short.
    case truncatedBySnaplen(capturedBytes: Int, originalBytes: Int)
    /// The stream ended before the message's Content-Length was complete.
    case incompleteBody(expected: Int, received: Int)
    /// The message arrived encapsulated in HEP (version 1, 2 or 3) from a capture agent.
    case hepEncapsulated(version: Int, captureAgentID: UInt32?)
    /// The message was carried inside an IP-in-IP, GRE or similar tunnel.
    case tunnelled
    /// The message had no usable Content-Length on a stream transport; the end was guessed.
    case framedWithoutContentLength
    /// The message was read from SIP text, which has no time, addresses or transport: those
    /// fields are placeholders (zero) and must be shown as unknown.
    case readFromText
    /// The message was read from a Homer text export: time, addresses and protocol as the
    /// server stored them (microseconds; a protocol other than TCP or SCTP is written `UDP`).
    case readFromHomerText
    /// The export gave the server's placeholder address (127.0.0.1 or 127.0.0.2, port 0): where
    /// the message came from or went to is not known.
    case addressUnknown
    /// The message was read from the capture API's JSON (Homer rows, search results or call
    /// flow): time, addresses and protocol number as the server stored them.
    case readFromHomerJSON
    /// The transport is known only from the stored IP protocol number: TLS and WebSocket
    /// show as TCP, and a call flow names nothing finer than `protocol`.
    case transportFromProtocolNumber
    /// The export stored no protocol number: the transport shown (UDP) is a guess.
    case transportNotStored
    /// Only the summary fields (method or status, CSeq, Call-ID, From and To) were in the
    /// capture, not the full message text: the payload is a minimal message rebuilt from them.
    case summaryOnly
    /// The frame comes from a Homer pcap export (fixed MACs `02:5d:69:74:20:12` ->
    /// `06:3d:20:12:10:20`), which writes every message as UDP: the real transport may have
    /// been TCP, TLS or SCTP.
    case homerPcapExport

    public var description: String {
        switch self {
        case .reassembledFromFragments(let count): "reassembled from \(count) IP fragments"
        case .reassembledFromSegments(let count): "reassembled from \(count) segments"
        case .resynchronised(let skipped): "resynchronised after skipping \(skipped) bytes"
        case .followsGap(let missing): "follows a gap of \(missing) missing bytes"
        case .truncatedBySnaplen(let captured, let original):
            "truncated by snaplen: \(captured) of \(original) bytes captured"
        case .incompleteBody(let expected, let received):
            "incomplete body: \(received) of \(expected) bytes (Content-Length)"
        case .hepEncapsulated(let version, let agent):
            "HEPv\(version) encapsulated" + (agent.map { ", capture agent \($0)" } ?? "")
        case .tunnelled: "carried in a tunnel"
        case .framedWithoutContentLength: "no Content-Length on a stream; end of message guessed"
        case .readFromText: "read from text: no time, addresses or transport"
        case .readFromHomerText: "read from a Homer text export"
        case .addressUnknown: "address unknown (the export's placeholder 127.0.0.x port 0)"
        case .readFromHomerJSON: "read from a Homer JSON export"
        case .transportFromProtocolNumber:
            "transport from the stored IP protocol number only (TLS and WebSocket show as TCP)"
        case .transportNotStored: "transport not stored in the export (UDP assumed)"
        case .summaryOnly: "summary only: the full message text was not in the capture"
        case .homerPcapExport:
            "from a Homer pcap export, which writes every message as UDP: the real transport may differ"
        }
    }
}
