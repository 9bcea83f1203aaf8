public import SIPCapture
public import SIPMessage

/// One SIP message of a call, as the ladder and the reports show it.
public struct CallMessage: Hashable, Sendable {
    /// 1-based position of the message among all SIP messages of the capture.
    public var index: Int
    public var time: CaptureTime
    public var source: Endpoint
    public var destination: Endpoint
    public var transport: SIPTransport
    /// Capture record (frame) numbers the message came from, 1-based as Wireshark counts.
    public var recordNumbers: [Int]
    /// `INVITE` for a request, the status code and reason phrase for a response.
    public var startLine: SIPStartLine
    public var cseq: SIPCSeq?
    /// The To tag, which tells the forks of a call apart (RFC 3261 section 12.1.1).
    public var toTag: String?
    /// Whether the body carries SDP (directly or as a multipart part, RFC 3261 section 7.4).
    public var hasSDP: Bool
    /// Index of the message's transaction in ``SIPCall/transactions``.
    public var transaction: Int?
    /// Whether this is a retransmission: the same request or response of the same transaction
    /// seen again between the same two endpoints (RFC 3261 section 17).
    public var isRetransmission: Bool
    /// The message bytes; empty unless the analysis was asked to keep them
    /// (``AnalysisOptions/messageRetention``).
    public var payload: [UInt8]
    /// How the capture recovered the message (reassembled, read from text, ...).
    public var captureNotes: [CaptureNote]

    public init(
        index: Int,
        time: CaptureTime,
        source: Endpoint,
        destination: Endpoint,
        transport: SIPTransport,
        recordNumbers: [Int],
        startLine: SIPStartLine,
        cseq: SIPCSeq?,
        toTag: String? = nil,
        hasSDP: Bool,
        transaction: Int?,
        isRetransmission: Bool,
        payload: [UInt8],
        captureNotes: [CaptureNote]
    ) {
        self.index = index
        self.time = time
        self.source = source
        self.destination = destination
        self.transport = transport
        self.recordNumbers = recordNumbers
        self.startLine = startLine
        self.cseq = cseq
        self.toTag = toTag
        self.hasSDP = hasSDP
        self.transaction = transaction
        self.isRetransmission = isRetransmission
        self.payload = payload
        self.captureNotes = captureNotes
    }

    /// The request method, or `nil` for a response.
    public var method: String? {
        if case .request(let method, _) = startLine { method.rawValue } else { nil }
    }

    /// The status code, or `nil` for a request.
    public var statusCode: Int? {
        if case .response(let code, _) = startLine { code } else { nil }
    }

    /// `INVITE` for a request, `180 Ringing` for a response.
    public var label: String {
        switch startLine {
        case .request(let method, _): method.rawValue
        case .response(let code, let reason): reason.isEmpty ? String(code) : "\(code) \(reason)"
        }
    }
}

extension CallMessage {
    /// The message as the capture layer knows it, e.g. to write it to a pcap again.
    public var captured: CapturedMessage {
        CapturedMessage(
            time: time,
            source: source,
            destination: destination,
            transport: transport,
            recordNumbers: recordNumbers,
            payload: payload,
            notes: captureNotes
        )
    }
}
