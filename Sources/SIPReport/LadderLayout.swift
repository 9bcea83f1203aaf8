public import SIPAnalysis
public import SIPCapture
import SIPMessage

/// The ladder (sequence) diagram of one or more calls, computed once and drawn by every renderer
/// (text, SVG, HTML, Markdown, Mermaid, PlantUML): the lanes, one row per message in capture
/// order, and the labels and times of each arrow.
public struct LadderLayout: Sendable {
    /// One vertical line: a host (`ip:port`, or an IP with merged ports).
    public struct Lane: Hashable, Sendable {
        /// The alias when one applies, else the address.
        public var title: String
        /// `ip:port` (or the IP when ports are merged).
        public var address: String
        /// Whether ``title`` comes from an alias.
        public var isAliased: Bool
    }

    /// How an arrow is drawn: requests, and responses by class (RFC 3261 section 21).
    public enum Style: String, Hashable, Sendable {
        case request
        case provisional
        case success
        case redirect
        case failure
    }

    /// One arrow.
    public struct Row: Hashable, Sendable {
        public var message: CallMessage
        public var callID: String
        /// Index of the call in ``LadderLayout/calls``.
        public var call: Int
        public var from: Int
        public var to: Int
        /// Milliseconds since the first row, and since the previous row.
        public var sinceStartMs: Double
        public var sincePreviousMs: Double
        public var style: Style
        /// Whether the call forked (several dialogs), so responses name their To tag.
        public var showsToTag: Bool

        /// `INVITE (SDP)`, `180 Ringing`, `INVITE (retransmission)`: what the arrow says.
        public var label: String {
            var text = message.label
            if message.hasSDP { text += " (SDP)" }
            return text
        }

        /// `CSeq 1 INVITE`, with the transport when it is not UDP.
        public var detail: String {
            var parts: [String] = []
            if let cseq = message.cseq { parts.append("CSeq \(cseq.number) \(cseq.method)") }
            if showsToTag, message.statusCode != nil, let tag = message.toTag { parts.append("tag \(tag)") }
            if message.transport != .udp { parts.append(message.transport.rawValue.uppercased()) }
            if message.isRetransmission { parts.append("retransmission") }
            return parts.joined(separator: ", ")
        }
    }

    public var calls: [SIPCall]
    public var lanes: [Lane]
    public var rows: [Row]
    /// The time of the first row (the origin of ``Row/sinceStartMs``).
    public var origin: CaptureTime?
    /// The lane names and merging it was laid out with.
    public var options: LadderOptions

    /// Lays out the retained messages of `calls` (analysed with ``MessageRetention/summaries``
    /// or ``MessageRetention/full``), merged in capture order. Lanes appear in the order their
    /// host first sends or receives, left to right.
    public init(calls: [SIPCall], options: LadderOptions = LadderOptions()) {
        self.calls = calls
        self.options = options
        var entries: [(message: CallMessage, call: Int)] = []
        for (position, call) in calls.enumerated() {
            entries += call.messages.map { ($0, position) }
        }
        entries.sort { $0.message.index < $1.message.index }
        var lanes: [Lane] = []
        var laneIndex: [String: Int] = [:]
        func lane(for endpoint: Endpoint) -> Int {
            let address =
                options.mergePorts
                ? endpoint.address.description : endpoint.description
            if let existing = laneIndex[address] { return existing }
            let alias = options.aliases.name(for: endpoint)
            lanes.append(Lane(title: alias ?? address, address: address, isAliased: alias != nil))
            laneIndex[address] = lanes.count - 1
            return lanes.count - 1
        }
        var rows: [Row] = []
        let origin = entries.first?.message.time
        var previous = origin
        for (message, call) in entries {
            let from = lane(for: message.source)
            let to = lane(for: message.destination)
            rows.append(
                Row(
                    message: message,
                    callID: calls[call].callID,
                    call: call,
                    from: from,
                    to: to,
                    sinceStartMs: origin.map { $0.milliseconds(to: message.time) } ?? 0,
                    sincePreviousMs: previous.map { $0.milliseconds(to: message.time) } ?? 0,
                    style: Self.style(of: message),
                    showsToTag: calls[call].dialogs.count > 1
                )
            )
            previous = message.time
        }
        self.lanes = lanes
        self.rows = rows
        self.origin = origin
    }

    static func style(of message: CallMessage) -> Style {
        guard let code = message.statusCode else { return .request }
        switch code {
        case ..<200: return .provisional
        case 200..<300: return .success
        case 300..<400: return .redirect
        default: return .failure
        }
    }

    /// The calls' Call-IDs joined, for titles.
    public var title: String {
        calls.map(\.callID).joined(separator: " + ")
    }
}
