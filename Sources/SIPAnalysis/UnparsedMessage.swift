public import SIPCapture
public import SIPMessage

/// A captured message the analysis could not place: not SIP, or without a Call-ID.
public struct UnparsedMessage: Hashable, Sendable {
    /// 1-based position among the capture's SIP messages.
    public var index: Int
    public var time: CaptureTime
    public var error: SIPParseError

    public init(index: Int, time: CaptureTime, error: SIPParseError) {
        self.index = index
        self.time = time
        self.error = error
    }
}
