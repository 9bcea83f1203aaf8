public import SIPCapture

/// A dialog: Call-ID plus the two tags (RFC 3261 section 12). Several dialogs in one call
/// mean forking (RFC 3261 section 12.1.1: each To tag of a 1xx/2xx makes its own).
public struct SIPDialog: Hashable, Sendable {
    /// RFC 3261 section 12: early after a 1xx with a To tag, confirmed after a 2xx,
    /// terminated after a BYE's 2xx or a non-2xx final response to the INVITE.
    public enum State: String, Hashable, Sendable {
        case early
        case confirmed
        case terminated
    }

    /// The caller's tag (the From tag of the request that created the dialog).
    public var callerTag: String
    /// The callee's tag (the To tag of the response).
    public var calleeTag: String
    public var state: State
    /// When the first 1xx or 2xx with this To tag was seen.
    public var created: CaptureTime
    public var confirmed: CaptureTime?
    public var terminated: CaptureTime?
    /// Whether the dialog was only seen through requests inside it: the capture started after
    /// it was set up.
    public var startedBeforeCapture: Bool

    public init(callerTag: String, calleeTag: String, state: State, created: CaptureTime, startedBeforeCapture: Bool) {
        self.callerTag = callerTag
        self.calleeTag = calleeTag
        self.state = state
        self.created = created
        self.startedBeforeCapture = startedBeforeCapture
    }
}
