public import SIPCapture

/// The result of analysing a whole capture: its calls and the figures across them.
public struct CaptureAnalysis: Hashable, Sendable {
    /// Calls, registrations and other exchanges, in order of their first message.
    public var calls: [SIPCall]
    public var statistics: CallStatistics
    /// Messages that could not be placed in a call (up to 1000, all counted in statistics).
    public var unparsedMessages: [UnparsedMessage]
    /// The capture's first and last message times (`nil` when it has none with a time).
    public var firstTime: CaptureTime?
    public var lastTime: CaptureTime?
    /// Why reading stopped early, when the capture is damaged part way: everything before the
    /// damage is analysed.
    public var decodeError: CaptureError?
    /// What the capture reader noticed and worked around (truncated records, gaps, ...).
    public var captureWarnings: [CaptureWarning] = []

    public init(
        calls: [SIPCall],
        statistics: CallStatistics,
        unparsedMessages: [UnparsedMessage],
        firstTime: CaptureTime?,
        lastTime: CaptureTime?
    ) {
        self.calls = calls
        self.statistics = statistics
        self.unparsedMessages = unparsedMessages
        self.firstTime = firstTime
        self.lastTime = lastTime
    }

    /// The call with this Call-ID.
    public func call(_ callID: String) -> SIPCall? {
        calls.first { $0.callID == callID }
    }
}
