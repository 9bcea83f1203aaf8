/// What a group of messages with one Call-ID is about.
public enum CallKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// An INVITE session (RFC 3261 section 13).
    case call
    /// REGISTER transactions (RFC 3261 section 10).
    case registration
    /// Anything else: OPTIONS, MESSAGE, SUBSCRIBE/NOTIFY, PUBLISH, REFER outside a dialog, ...
    /// ``SIPCall/method`` says which.
    case other

    public var description: String { rawValue }
}
