import SIPCapture

/// A stretch of a message or text that a report must not show as it is.
struct SensitiveSpan: Sendable {
    enum Kind: Sendable {
        /// Removed whatever the options.
        case secret(SecretKind)
        /// A URI's user part, a telephone number or a Digest `username`.
        case user
        /// A display name (quoted or not: only its content).
        case name
        /// An IP address literal.
        case address(IPAddress)
    }

    var range: Range<Int>
    var kind: Kind

    var isSecret: Bool {
        if case .secret = kind { true } else { false }
    }
}
