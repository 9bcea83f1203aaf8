/// One side of a call: the caller sent the initial INVITE, the callee answered it.
public enum CallParty: String, Hashable, Sendable, CustomStringConvertible {
    case caller
    case callee

    public var description: String { rawValue }
}
