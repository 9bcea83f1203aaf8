/// The `format` query parameter of `GET /api/v2/sip/captures` (vida-openapi.json:
/// "text | pcap | json | transaction"). What each looks like is in capture-formats.md.
public enum CaptureExportFormat: String, Sendable, CaseIterable {
    /// A classic pcap file, every message as a made-up UDP frame.
    case pcap
    /// Homer-style message rows.
    case json
    /// The Homer call-flow object (`messages`, `calldata`, `hosts`, `alias`).
    case transaction
    /// The Homer text export, one block per message.
    case text
}
