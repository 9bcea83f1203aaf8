public import SIPCapture
public import SIPMessage

/// One distinct response of a transaction: a status code with a To tag, however often it was
/// retransmitted (RFC 3261 section 17.1.1.2 retransmits final responses to INVITE).
public struct SIPTransactionResponse: Hashable, Sendable {
    public var statusCode: Int
    public var reasonPhrase: String
    /// The To tag, which tells the forks of one INVITE apart (RFC 3261 section 12.1.1).
    public var toTag: String?
    /// When it was first seen.
    public var time: CaptureTime
    /// How many more times the same response was seen between the same endpoints.
    public var retransmissions: Int
    public var hasSDP: Bool
    /// The first Reason header (RFC 3326), e.g. the Q.850 cause of a failure.
    public var reason: SIPReason? {
        get { reasonBox?.reason }
        set { reasonBox = newValue.map(ReasonBox.init) }
    }
    private var reasonBox: ReasonBox?
    /// Index of the first copy in ``SIPCall/messages`` numbering (capture-wide message index).
    public var messageIndex: Int

    public init(
        statusCode: Int,
        reasonPhrase: String,
        toTag: String?,
        time: CaptureTime,
        retransmissions: Int = 0,
        hasSDP: Bool,
        reason: SIPReason?,
        messageIndex: Int
    ) {
        self.statusCode = statusCode
        self.reasonPhrase = reasonPhrase
        self.toTag = toTag
        self.time = time
        self.retransmissions = retransmissions
        self.hasSDP = hasSDP
        self.reasonBox = reason.map(ReasonBox.init)
        self.messageIndex = messageIndex
    }

    /// 1xx (RFC 3261 section 21.1).
    public var isProvisional: Bool { statusCode < 200 }
    /// 2xx.
    public var isSuccess: Bool { (200..<300).contains(statusCode) }
}
