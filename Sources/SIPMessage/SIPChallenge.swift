/// A WWW-Authenticate (RFC 3261 section 20.44) or Proxy-Authenticate (section 20.27)
/// challenge: `challenge = ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge`,
/// `other-challenge = auth-scheme LWS auth-param *(COMMA auth-param)` (RFC 3261 section 25.1;
/// Digest semantics from RFC 2617, RFC 7616 and, for SIP, RFC 8760).
///
/// SIP carries one challenge per header value (RFC 3261 section 7.3.1 exempts these headers
/// from comma-joining); ``parse(_:limits:)`` reads one, ``parseAll(_:limits:)`` reads
/// HTTP-style lists of several (RFC 7235 section 4.1).
public struct SIPChallenge: Hashable, Sendable {
    /// The scheme as written (`Digest`); schemes compare case-insensitively (RFC 3261 section 22.1).
    public var scheme: String
    /// The auth-params in the order written, quoted values unquoted.
    public var parameters: SIPParameters
    /// The RFC 7235 section 2.1 `token68` form (e.g. `Negotiate abc==`), when used instead of
    /// auth-params.
    public var token68: String?
    /// What was accepted leniently: Digest values quoted against the grammar, duplicates,
    /// empty elements.
    public var notes: [SIPParseNote]

    public init(scheme: String, parameters: SIPParameters, token68: String? = nil, notes: [SIPParseNote] = []) {
        self.scheme = scheme
        self.parameters = parameters
        self.token68 = token68
        self.notes = notes
    }

    /// Whether the scheme is Digest (RFC 3261 section 22.4).
    public var isDigest: Bool { scheme.lowercased() == "digest" }

    /// `realm` (RFC 3261 section 22.1): the protection space, shown to the user.
    public var realm: String? { value("realm") }
    /// `nonce` (RFC 7616 section 3.3).
    public var nonce: String? { value("nonce") }
    /// `opaque`, to be returned unchanged (RFC 7616 section 3.3).
    public var opaque: String? { value("opaque") }
    /// `charset` (RFC 7616 section 3.3; only `UTF-8` is defined).
    public var charset: String? { value("charset") }

    /// `algorithm`, or MD5 when absent (RFC 2617 section 3.2.1, RFC 7616 section 3.3).
    public var algorithm: SIPDigestAlgorithm {
        value("algorithm").map(SIPDigestAlgorithm.init) ?? .md5
    }

    /// Whether `algorithm` was written; ``algorithm`` defaults to MD5 otherwise.
    public var hasExplicitAlgorithm: Bool { parameters.contains("algorithm") }

    /// The `qop` options (`qop="auth,auth-int"` gives `["auth", "auth-int"]`; RFC 3261 section 25.1
    /// `qop-options`). Empty when absent, which means the RFC 2069 compatible digest.
    public var qopOptions: [String] {
        guard let text = value("qop") else { return [] }
        return text.split(separator: ",").map { $0.trimmingLWS() }.filter { !$0.isEmpty }
    }

    /// `stale=true`: the nonce expired but the credentials were right, so retry without asking
    /// the user (RFC 7616 section 3.3). Compared case-insensitively; absent means false.
    public var isStale: Bool { value("stale")?.lowercased() == "true" }

    /// `domain`: the space-separated URIs of the protection space (RFC 3261 section 25.1,
    /// RFC 7616 section 3.3). Empty when absent.
    public var domain: [String] {
        guard let text = value("domain") else { return [] }
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// `userhash=true` (RFC 7616 section 3.3): the server supports hashed user names.
    public var userhash: Bool { value("userhash")?.lowercased() == "true" }

    private func value(_ name: String) -> String? {
        parameters.parameter(name)?.value
    }

    /// Parses one challenge. A second challenge in the same value is an error in SIP (use
    /// ``parseAll(_:limits:)`` to accept it).
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPChallenge {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        let challenge = try parseOne(&scanner, limits: limits)
        guard scanner.isAtEnd else {
            throw SIPParseError(
                .invalidHeaderValue,
                "challenge: another challenge or an auth-param without '=' follows "
                    + "(RFC 3261 section 7.3.1 carries one challenge per header value)",
                offset: scanner.index
            )
        }
        return challenge
    }

    /// Parses one or more comma-separated challenges (RFC 7235 section 4.1 style), at most
    /// `limits.maxListElements`.
    public static func parseAll(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> [SIPChallenge] {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        var challenges: [SIPChallenge] = []
        repeat {
            guard challenges.count < limits.maxListElements else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxListElements) challenges in one header (limit maxListElements)",
                    offset: scanner.index
                )
            }
            let before = scanner.index
            challenges.append(try parseOne(&scanner, limits: limits))
            guard scanner.index > before else { break }
        } while !scanner.isAtEnd
        guard scanner.isAtEnd else {
            throw SIPParseError(.invalidHeaderValue, "challenge: unexpected text", offset: scanner.index)
        }
        return challenges
    }

    private static func parseOne(
        _ scanner: inout SIPScanner,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> SIPChallenge {
        let result = try SIPAuthParser.parseOne(&scanner, limits: limits, header: "challenge")
        var notes = result.notes
        if result.scheme.lowercased() == "digest" {
            notes += SIPAuthParser.quotingNotes(
                result.parameters,
                quoted: ["realm", "domain", "nonce", "opaque", "qop"],
                unquoted: ["stale", "algorithm"],
                header: "challenge"
            )
        }
        return SIPChallenge(
            scheme: result.scheme,
            parameters: SIPParameters(result.parameters.map { SIPParameter(name: $0.name, value: $0.value) }),
            token68: result.token68,
            notes: notes
        )
    }
}

extension Substring {
    /// The text without leading and trailing SP and HTAB.
    fileprivate func trimmingLWS() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
