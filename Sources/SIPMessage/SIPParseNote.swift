/// Something the parser noticed and worked around (lenient mode), or a rule the message breaks
/// (reported by strict validation).
///
/// Real equipment sends sloppy SIP; a diagnostics tool must still read it, and say what was
/// wrong. `isViolation` marks notes that break an RFC 3261 rule, as opposed to remarks.
public struct SIPParseNote: Hashable, Sendable, CustomStringConvertible {
    public let code: SIPParseError.Code
    public let message: String
    public let offset: Int?
    /// The message breaks a rule (as opposed to a remark, e.g. "compact header form used").
    public let isViolation: Bool

    public init(_ code: SIPParseError.Code, _ message: String, offset: Int? = nil, isViolation: Bool = true) {
        self.code = code
        self.message = message
        self.offset = offset
        self.isViolation = isViolation
    }

    public var description: String {
        offset.map { "\(message) (byte \($0))" } ?? message
    }
}
