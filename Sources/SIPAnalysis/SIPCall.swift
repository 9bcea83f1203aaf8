public import SIPCapture
public import SIPMessage

/// Everything the capture shows about one Call-ID: its messages, transactions and dialogs, how it
/// ended and how long each step took.
public struct SIPCall: Hashable, Sendable {
    public var callID: String
    public var kind: CallKind
    /// The method that started the exchange (`INVITE`, `REGISTER`, `OPTIONS`, ...).
    public var method: String
    /// The From and To URIs of the first request, as written, and their display names.
    public var from: String?
    public var fromDisplayName: String?
    public var to: String?
    public var toDisplayName: String?
    public var state: CallState
    /// The final response that decided the state (or the 2xx of an answered call).
    public var finalStatus: Int?
    public var finalReasonPhrase: String?
    /// Who ended the call: the sender of the BYE (by its From tag) or of the CANCEL, or the
    /// callee for a failure response.
    public var endedBy: CallParty?
    /// The Reason header (RFC 3326) of the BYE, CANCEL or failure response that ended it.
    public var reason: SIPReason? {
        get { reasonBox?.reason }
        set { reasonBox = newValue.map(ReasonBox.init) }
    }
    private var reasonBox: ReasonBox?
    /// The first and last message times.
    public var startTime: CaptureTime
    public var endTime: CaptureTime
    /// How many messages the capture holds for this Call-ID, retransmissions included.
    public var messageCount: Int
    public var retransmissions: Int
    public var metrics: CallMetrics
    public var transactions: [SIPTransaction]
    public var dialogs: [SIPDialog]
    /// Messages in capture order (kept only when ``AnalysisOptions/messageRetention`` asks).
    public var messages: [CallMessage]
    /// Other Call-IDs linked to this one: by X-Call-ID / X-CID style headers (either direction)
    /// or by Homer's `_b2b-1` suffix convention. Sorted.
    public var relatedCallIDs: [String]
    public var registration: SIPRegistration?
    public var media: CallMedia
    /// User-Agent or Server values seen, in order, without repeats.
    public var userAgents: [String]
    /// Things worth knowing that the state alone does not say (plain language).
    public var notes: [String]

    public init(
        callID: String,
        kind: CallKind,
        method: String,
        state: CallState,
        startTime: CaptureTime,
        endTime: CaptureTime
    ) {
        self.callID = callID
        self.kind = kind
        self.method = method
        self.state = state
        self.startTime = startTime
        self.endTime = endTime
        self.messageCount = 0
        self.retransmissions = 0
        self.metrics = CallMetrics()
        self.transactions = []
        self.dialogs = []
        self.messages = []
        self.relatedCallIDs = []
        self.media = CallMedia()
        self.userAgents = []
        self.notes = []
    }

    /// Milliseconds from the first to the last message.
    public var spanMs: Double { startTime.milliseconds(to: endTime) }
}
