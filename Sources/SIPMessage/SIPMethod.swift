/// A SIP request method (RFC 3261 section 7.1 and 27.4): an open set of case-sensitive tokens
/// with the registered ones as static members.
public struct SIPMethod: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static let invite: SIPMethod = "INVITE"
    public static let ack: SIPMethod = "ACK"
    public static let bye: SIPMethod = "BYE"
    public static let cancel: SIPMethod = "CANCEL"
    public static let options: SIPMethod = "OPTIONS"
    public static let register: SIPMethod = "REGISTER"
    /// RFC 3262.
    public static let prack: SIPMethod = "PRACK"
    /// RFC 6665.
    public static let subscribe: SIPMethod = "SUBSCRIBE"
    /// RFC 6665.
    public static let notify: SIPMethod = "NOTIFY"
    /// RFC 3903.
    public static let publish: SIPMethod = "PUBLISH"
    /// RFC 6086.
    public static let info: SIPMethod = "INFO"
    /// RFC 3515.
    public static let refer: SIPMethod = "REFER"
    /// RFC 3428.
    public static let message: SIPMethod = "MESSAGE"
    /// RFC 3311.
    public static let update: SIPMethod = "UPDATE"
}
