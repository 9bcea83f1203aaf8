/// A Digest `algorithm` value (RFC 3261 section 25.1: `"MD5" / "MD5-sess" / token`; RFC 7616
/// section 3.3 and RFC 8760 section 2 add SHA-256 and SHA-512-256, each with a `-sess`
/// variant). An open set: unknown names are kept as written. Names compare
/// case-insensitively (RFC 2234 section 2.3 for the ABNF literals).
public struct SIPDigestAlgorithm: Hashable, Sendable, CustomStringConvertible {
    /// The name as written.
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    /// The default when a challenge names none (RFC 2617 section 3.2.1, RFC 3261 section 20.27).
    public static let md5 = SIPDigestAlgorithm("MD5")
    public static let md5Session = SIPDigestAlgorithm("MD5-sess")
    /// RFC 7616 section 3.3, registered for SIP by RFC 8760 section 2.
    public static let sha256 = SIPDigestAlgorithm("SHA-256")
    public static let sha256Session = SIPDigestAlgorithm("SHA-256-sess")
    /// SHA-512/256 (RFC 7616 section 3.3, RFC 8760 section 2).
    public static let sha512_256 = SIPDigestAlgorithm("SHA-512-256")
    public static let sha512_256Session = SIPDigestAlgorithm("SHA-512-256-sess")

    /// Whether this is a `-sess` variant, which hashes the client nonce into A1
    /// (RFC 7616 section 3.4.2).
    public var isSession: Bool {
        name.lowercased().hasSuffix("-sess")
    }

    /// Whether this is one of the six algorithms above.
    public var isKnown: Bool {
        [Self.md5, .md5Session, .sha256, .sha256Session, .sha512_256, .sha512_256Session].contains(self)
    }

    /// The number of hex digits in a `response` computed with this algorithm (RFC 7616
    /// section 3.4.1: 32 for MD5, 64 for the SHA-2 ones); `nil` for unknown algorithms.
    public var responseHexLength: Int? {
        switch name.lowercased() {
        case "md5", "md5-sess": 32
        case "sha-256", "sha-256-sess", "sha-512-256", "sha-512-256-sess": 64
        default: nil
        }
    }

    public var description: String { name }

    public static func == (lhs: SIPDigestAlgorithm, rhs: SIPDigestAlgorithm) -> Bool {
        lhs.name.lowercased() == rhs.name.lowercased()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name.lowercased())
    }
}
