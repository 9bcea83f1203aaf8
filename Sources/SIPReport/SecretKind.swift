/// A kind of secret that a report never shows, whatever the options: credentials that would let
/// the reader of a support ticket register, call or decrypt media as the account.
public enum SecretKind: String, CaseIterable, Sendable, Hashable, Comparable {
    /// The `response` of a Digest `Authorization` / `Proxy-Authorization` (RFC 3261 section
    /// 22.4, RFC 8760), or the `rspauth` of `Authentication-Info`: with the nonce it allows an
    /// offline guess of the password.
    case digestResponse = "digest-response"
    /// The client nonce `cnonce` of Digest with `qop` (RFC 8760 section 2.4).
    case cnonce
    /// Credentials of any other scheme (Basic, Bearer: RFC 7617, RFC 8898), kept whole.
    case credentials
    /// The password of a URI's userinfo (`sip:user:password@host`, RFC 3261 section 19.1.1,
    /// which says it SHOULD NOT be used).
    case uriPassword = "uri-password"
    /// An SDES master key and salt (`a=crypto ... inline:KEY`, RFC 4568 section 6.1).
    case srtpKey = "srtp-key"
    /// MIKEY key-management data (`a=key-mgmt`, RFC 4567) or an SDP `k=` key (RFC 4566 5.12).
    case keyManagement = "key-management"
    /// The ICE password (`a=ice-pwd`, RFC 8839 section 5.4).
    case icePassword = "ice-password"
    /// A password-like field of an account file.
    case password
    /// The Vida API token.
    case apiToken = "api-token"

    /// What stands in the report where the secret was: a SIP token (RFC 3261 section 25.1), so
    /// that the message still reads as SIP, and it says what was removed.
    public var marker: String { "REDACTED-" + rawValue.uppercased() }

    /// Plural words for the report's redaction line ("2 digest responses").
    public var pluralName: String {
        switch self {
        case .digestResponse: "digest responses"
        case .cnonce: "digest cnonces"
        case .credentials: "credentials"
        case .uriPassword: "URI passwords"
        case .srtpKey: "SRTP keys"
        case .keyManagement: "key-management blobs"
        case .icePassword: "ICE passwords"
        case .password: "passwords"
        case .apiToken: "API tokens"
        }
    }

    public static func < (lhs: SecretKind, rhs: SecretKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
