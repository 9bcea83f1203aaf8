public import SIPCapture
public import SIPMessage

/// A request and its responses, matched as RFC 3261 section 17 says: by the top Via branch with
/// the magic cookie, its sent-by and the method (section 17.2.3), or, for RFC 2543 peers
/// without the cookie, by CSeq, From tag and the top Via (the section 17.2.3 fallback).
public struct SIPTransaction: Hashable, Sendable {
    /// How the messages were matched.
    public enum Matching: String, Hashable, Sendable {
        /// Branch beginning with `z9hG4bK`, sent-by and method (RFC 3261 section 17.2.3).
        case branch
        /// No magic cookie: CSeq, From tag and top Via (RFC 3261 section 17.2.3, RFC 2543).
        case legacy
    }

    /// The request method (`ACK` for the ACK of a 2xx, which is a transaction of its own,
    /// RFC 3261 section 17.1.1.3).
    public var method: String
    public var cseq: UInt32
    public var branch: String?
    /// The sent-by of the request's top Via (host and port as written, host lowercased): with
    /// the branch, what identifies the transaction (RFC 3261 section 17.2.3).
    public var sentBy: String
    public var matching: Matching
    /// Who sent the request and to whom; for a transaction known only from its responses, the
    /// reverse of the first response's endpoints.
    public var client: Endpoint
    public var server: Endpoint
    /// When the request was first seen; `nil` when the capture holds only responses.
    public var requestTime: CaptureTime?
    /// Capture-wide index of the request's first copy.
    public var requestIndex: Int?
    /// Retransmissions of the request (RFC 3261 section 17.1.1.2 Timer A, 17.1.2.2 Timer E).
    public var requestRetransmissions: Int
    /// Whether the request was sent outside a dialog (no To tag): an initial INVITE, a
    /// REGISTER, an OPTIONS ping (RFC 3261 section 12.1).
    public var isOutOfDialog: Bool
    public var fromTag: String?
    public var requestHasSDP: Bool
    /// The Reason header of the request (BYE or CANCEL usually, RFC 3326).
    public var requestReason: SIPReason? {
        get { requestReasonBox?.reason }
        set { requestReasonBox = newValue.map(ReasonBox.init) }
    }
    private var requestReasonBox: ReasonBox?
    /// Distinct responses in the order first seen.
    public var responses: [SIPTransactionResponse]
    /// When the ACK for a non-2xx final response was seen (part of the INVITE transaction,
    /// RFC 3261 section 17.1.1.3), and how often it was repeated.
    public var ackTime: CaptureTime?
    public var ackRetransmissions: Int
    /// For a CANCEL, the index of the INVITE transaction it cancels (same branch and sent-by,
    /// RFC 3261 section 9.1).
    public var cancels: Int?
    /// For an INVITE, the index of the CANCEL transaction that cancelled it.
    public var cancelledBy: Int?
    /// ICMP errors that quoted the request (destination unreachable and the like).
    public var icmpErrors: [ICMPUnreachable]
    /// The transport the request crossed, when the request was captured.
    public var transport: SIPTransport?

    public init(
        method: String,
        cseq: UInt32,
        branch: String?,
        sentBy: String = "",
        matching: Matching,
        client: Endpoint,
        server: Endpoint,
        isOutOfDialog: Bool,
        fromTag: String?
    ) {
        self.method = method
        self.cseq = cseq
        self.branch = branch
        self.sentBy = sentBy
        self.matching = matching
        self.client = client
        self.server = server
        self.requestTime = nil
        self.requestIndex = nil
        self.requestRetransmissions = 0
        self.isOutOfDialog = isOutOfDialog
        self.fromTag = fromTag
        self.requestHasSDP = false
        self.requestReasonBox = nil
        self.responses = []
        self.ackTime = nil
        self.ackRetransmissions = 0
        self.cancels = nil
        self.cancelledBy = nil
        self.icmpErrors = []
        self.transport = nil
    }

    /// The first response of any kind.
    public var firstResponse: SIPTransactionResponse? { responses.first }

    /// The first final (>= 200) response; with forking there may be several 2xx.
    public var finalResponse: SIPTransactionResponse? { responses.first { !$0.isProvisional } }

    /// The first 2xx.
    public var successResponse: SIPTransactionResponse? { responses.first { $0.isSuccess } }

    /// The first provisional response other than 100 (RFC 6076 section 4.3 counts from it).
    public var firstRingingResponse: SIPTransactionResponse? {
        responses.first { $0.statusCode > 100 && $0.statusCode < 200 }
    }

    /// Request and response retransmissions together.
    public var retransmissions: Int {
        responses.reduce(requestRetransmissions + ackRetransmissions) { $0 + $1.retransmissions }
    }

    /// Milliseconds from the request to its first response, when both were seen.
    public var firstResponseDelayMs: Double? {
        guard let requestTime, let response = firstResponse else { return nil }
        return requestTime.milliseconds(to: response.time)
    }

    /// Milliseconds from the request to its first final response, when both were seen.
    public var finalResponseDelayMs: Double? {
        guard let requestTime, let response = finalResponse else { return nil }
        return requestTime.milliseconds(to: response.time)
    }
}
