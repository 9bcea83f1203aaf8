/// Authorization (RFC 3261 section 20.7) or Proxy-Authorization (section 20.28) credentials:
/// `credentials = ("Digest" LWS digest-response) / other-response` (RFC 3261 section 25.1;
/// Digest semantics from RFC 2617, RFC 7616 and, for SIP, RFC 8760).
///
/// Secrets stay inside: the digest `response`, the client nonce `cnonce` and a `token68`
/// (`Basic dXNlcjpwYXNz` is a password) never appear in ``description``, ``debugDescription``,
/// `dump` output or ``parameters`` (where their values read `<redacted>`). Code that must check
/// a digest asks for ``unredactedResponse`` and friends by name. ``redactedText(of:)-(ArraySlice<UInt8>)``
/// makes a raw header value safe to share.
public struct SIPCredentials: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The scheme as written (`Digest`); schemes compare case-insensitively (RFC 3261 section 22.1).
    public let scheme: String
    /// The auth-params in the order written, quoted values unquoted; the values of
    /// ``secretParameterNames`` are replaced by ``redactionMarker``.
    public let parameters: SIPParameters
    /// What was accepted leniently (quoting against the grammar, duplicates, empty elements).
    public let notes: [SIPParseNote]
    private let secrets: Secrets

    /// The values kept out of every default string.
    private struct Secrets: Hashable, Sendable {
        var response: String?
        var cnonce: String?
        var token68: String?
    }

    /// Parameters whose values are secret (compared case-insensitively): the digest `response`
    /// proves knowledge of the password, and with `cnonce` an offline guess becomes possible.
    public static let secretParameterNames: Set<String> = ["response", "cnonce"]
    /// What stands for a secret value in ``parameters`` and ``description``.
    public static let redactionMarker = "<redacted>"

    /// `parameters` may hold the real `response` and `cnonce`; they are moved to private storage.
    public init(scheme: String, parameters: SIPParameters, token68: String? = nil, notes: [SIPParseNote] = []) {
        var secrets = Secrets(token68: token68)
        var visible = SIPParameters()
        for parameter in parameters {
            let name = parameter.name.lowercased()
            guard Self.secretParameterNames.contains(name) else {
                visible.append(parameter)
                continue
            }
            // The first occurrence counts, as for every parameter lookup.
            if name == "response", secrets.response == nil {
                secrets.response = parameter.value
            } else if name == "cnonce", secrets.cnonce == nil {
                secrets.cnonce = parameter.value
            }
            visible.append(SIPParameter(name: parameter.name, value: Self.redactionMarker))
        }
        self.scheme = scheme
        self.parameters = visible
        self.notes = notes
        self.secrets = secrets
    }

    /// Whether the scheme is Digest (RFC 3261 section 22.4).
    public var isDigest: Bool { scheme.lowercased() == "digest" }

    /// `username` (RFC 3261 section 25.1).
    public var username: String? { value("username") }
    /// `realm`.
    public var realm: String? { value("realm") }
    /// `nonce`, as received in the challenge.
    public var nonce: String? { value("nonce") }
    /// `uri` (`digest-uri`), the Request-URI the digest covers (RFC 3261 section 22.4).
    public var uri: String? { value("uri") }
    /// `opaque`, as received in the challenge.
    public var opaque: String? { value("opaque") }
    /// `qop` (`message-qop`), e.g. `auth`.
    public var qop: String? { value("qop") }
    /// `nc` (`nonce-count`, 8 hex digits).
    public var nonceCount: String? { value("nc") }
    /// `algorithm` when written; RFC 2617 section 3.2.2 means MD5 when absent (``effectiveAlgorithm``).
    public var algorithm: SIPDigestAlgorithm? { value("algorithm").map(SIPDigestAlgorithm.init) }
    /// ``algorithm`` or MD5.
    public var effectiveAlgorithm: SIPDigestAlgorithm { algorithm ?? .md5 }
    /// `userhash=true` (RFC 7616 section 3.4): ``username`` is a hash.
    public var userhash: Bool { value("userhash")?.lowercased() == "true" }

    /// Whether a `response` was sent (without revealing it).
    public var hasResponse: Bool { secrets.response != nil }
    /// Whether a `cnonce` was sent (without revealing it).
    public var hasCNonce: Bool { secrets.cnonce != nil }
    /// Whether the RFC 7235 `token68` form was used (without revealing it).
    public var hasToken68: Bool { secrets.token68 != nil }

    /// The digest `response`. Secret: do not log or display it.
    public var unredactedResponse: String? { secrets.response }
    /// The client nonce `cnonce`. Secret: do not log or display it.
    public var unredactedCNonce: String? { secrets.cnonce }
    /// The `token68` (e.g. Basic's base64 user:password). Secret: do not log or display it.
    public var unredactedToken68: String? { secrets.token68 }

    private func value(_ name: String) -> String? {
        parameters.parameter(name)?.value
    }

    /// `Digest username="alice", response=<redacted>`: the credentials with every value
    /// quoted and secrets replaced by ``redactionMarker``.
    public var description: String {
        if secrets.token68 != nil {
            return "\(scheme) \(Self.redactionMarker)"
        }
        let rendered = parameters.map { parameter in
            let value = parameter.value ?? ""
            if Self.secretParameterNames.contains(parameter.name.lowercased()) {
                return "\(parameter.name)=\(Self.redactionMarker)"
            }
            let escaped = value.replacingBackslashesAndQuotes()
            return "\(parameter.name)=\"\(escaped)\""
        }
        return rendered.isEmpty ? scheme : "\(scheme) \(rendered.joined(separator: ", "))"
    }

    public var debugDescription: String { "SIPCredentials(\(description))" }

    /// `dump` and debuggers see the redacted form only.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["scheme": scheme, "parameters": description, "notes": notes],
            displayStyle: .struct
        )
    }

    /// Parses one credentials value (these headers are never comma-joined, RFC 3261
    /// section 7.3.1). Errors never quote the input.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPCredentials
    {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        let result = try SIPAuthParser.parseOne(&scanner, limits: limits, header: "credentials")
        guard scanner.isAtEnd else {
            throw SIPParseError(
                .invalidHeaderValue,
                "credentials: text after the last auth-param (RFC 3261 section 7.3.1 carries one per header value)",
                offset: scanner.index
            )
        }
        var notes = result.notes
        if result.scheme.lowercased() == "digest" {
            notes += SIPAuthParser.quotingNotes(
                result.parameters,
                quoted: ["username", "realm", "nonce", "uri", "response", "cnonce", "opaque"],
                unquoted: ["algorithm", "qop", "nc"],
                header: "credentials"
            )
        }
        return SIPCredentials(
            scheme: result.scheme,
            parameters: SIPParameters(result.parameters.map { SIPParameter(name: $0.name, value: $0.value) }),
            token68: result.token68,
            notes: notes
        )
    }

    /// The header value with every secret replaced by a marker naming it, everything else kept
    /// byte for byte, for reports that are safe to share:
    /// `response="6629fae4..."` becomes `response="<redacted response>"`, `cnonce=0a4f113b`
    /// becomes `cnonce="<redacted cnonce>"`, and a `token68` (`Basic dXNlcjpwYXNz`) becomes
    /// `Basic <redacted token68>`.
    ///
    /// Never fails: on malformed input it errs on the side of hiding. Any `response` or
    /// `cnonce` followed by `=` is redacted wherever it appears (even inside another quoted
    /// value), an unterminated quoted secret is redacted to the end, and an unquoted one up to
    /// the next comma.
    public static func redactedText(of rawValue: ArraySlice<UInt8>) -> String {
        String(decoding: redactedBytes(rawValue), as: UTF8.self)
    }

    /// ``redactedText(of:)-(ArraySlice<UInt8>)`` for a value already decoded as text.
    public static func redactedText(of rawValue: String) -> String {
        redactedText(of: Array(rawValue.utf8)[...])
    }

    private static func redactedBytes(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        let end = raw.endIndex
        var output: [UInt8] = []
        output.reserveCapacity(raw.count + 32)
        if let (tokenStart, tokenEnd) = token68Range(raw) {
            output += raw[raw.startIndex..<min(tokenStart, end)]
            output += Array("<redacted token68>".utf8)
            output += raw[min(tokenEnd, end)..<end]
            return output
        }
        var copied = raw.startIndex
        var scanner = SIPScanner(raw)
        var previousIsToken = false
        while let byte = scanner.peek() {
            let isToken = SIPScanner.isTokenCharacter(byte)
            guard isToken, !previousIsToken else {
                previousIsToken = isToken
                scanner.advance()
                continue
            }
            // The start of a word: a secret's name if `=` follows, wherever it is.
            let name = scanner.token() ?? scanner.rest.prefix(0)
            previousIsToken = true
            guard secretParameterNames.contains(String(decoding: name, as: UTF8.self).lowercased()) else { continue }
            var value = scanner
            guard value.consumeSeparator(0x3D) else { continue }
            let valueStart = value.index
            var valueEnd: Int
            if value.consume(0x22) {
                // Up to the closing quote, honouring quoted-pairs; to the end if unterminated.
                while let next = value.peek() {
                    value.advance()
                    if next == 0x5C {
                        value.advance()
                    } else if next == 0x22 {
                        break
                    }
                }
                valueEnd = value.index
            } else {
                _ = value.scan { $0 != 0x2C }
                // White space before the comma is not part of the value.
                valueEnd = valueStart + SIPScanner.trimmedTrailing(value.consumed(from: valueStart)).count
            }
            output += raw[min(copied, valueStart)..<min(valueStart, end)]
            output += Array("\"<redacted \(String(decoding: name, as: UTF8.self).lowercased())>\"".utf8)
            copied = min(valueEnd, end)
            scanner = value
            previousIsToken = false
        }
        output += raw[min(copied, end)..<end]
        return output
    }

    /// Where the `token68` is when the value is `scheme token68` and nothing else.
    private static func token68Range(_ raw: ArraySlice<UInt8>) -> (Int, Int)? {
        var scanner = SIPScanner(raw)
        scanner.skipWhitespace()
        guard scanner.token() != nil else { return nil }
        let afterScheme = scanner.index
        scanner.skipWhitespace()
        let tokenStart = scanner.index
        guard tokenStart > afterScheme, scanner.scan(while: SIPAuthParser.isToken68Character) != nil else { return nil }
        _ = scanner.scan { $0 == 0x3D }
        let tokenEnd = scanner.index
        scanner.skipWhitespace()
        return scanner.isAtEnd ? (tokenStart, tokenEnd) : nil
    }
}

extension String {
    /// The text with `\` and `"` escaped as quoted-pairs (RFC 3261 section 25.1).
    fileprivate func replacingBackslashesAndQuotes() -> String {
        var result = ""
        for character in self {
            if character == "\\" || character == "\"" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
