public import SIPCapture

/// One piece of what a finding rests on: a message of the call (its index in the call and its
/// capture time), or an entry of the account's configuration, described in words.
public struct FindingEvidence: Sendable, Hashable {
    /// The message's index in ``SIPAnalysis/SIPCall/messages`` (0-based), when the evidence is a message.
    public var messageIndex: Int?
    /// The message's capture time, when the evidence is a message.
    public var time: CaptureTime?
    /// What it shows, e.g. "INVITE from 203.0.113.7:5060 over UDP" or "whitelist: 198.51.100.4 (Office PBX)".
    public var text: String

    public init(messageIndex: Int? = nil, time: CaptureTime? = nil, text: String) {
        self.messageIndex = messageIndex
        self.time = time
        self.text = text
    }
}
