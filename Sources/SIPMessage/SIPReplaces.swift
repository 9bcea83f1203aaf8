/// The Replaces header of RFC 3891 section 6.1:
/// `Replaces = callid *( SEMI replaces-param )`, with `to-tag`, `from-tag` and `early-only`.
///
/// It also travels escaped inside a Refer-To URI (`?Replaces=abc%40host%3Bto-tag%3D1...`,
/// RFC 3891 section 5): ``parse(uriHeaderValue:limits:)`` decodes that form first.
public struct SIPReplaces: Hashable, Sendable, CustomStringConvertible {
    /// The Call-ID of the dialog to replace, as written.
    public var callID: String
    /// The `to-tag` parameter (RFC 3891 section 6.1; both tags are required).
    public var toTag: String
    /// The `from-tag` parameter.
    public var fromTag: String
    /// Whether `early-only` is present: replace only an early dialog (RFC 3891 section 3).
    public var earlyOnly: Bool
    /// All parameters in order, the tags and flag included.
    public var parameters: SIPParameters

    public init(callID: String, toTag: String, fromTag: String, earlyOnly: Bool = false, parameters: SIPParameters) {
        self.callID = callID
        self.toTag = toTag
        self.fromTag = fromTag
        self.earlyOnly = earlyOnly
        self.parameters = parameters
    }

    /// `callid;to-tag=...;from-tag=...[;early-only]`.
    public var description: String {
        var text = callID + ";to-tag=" + toTag + ";from-tag=" + fromTag
        if earlyOnly { text += ";early-only" }
        return text
    }

    /// Parses a Replaces header value.
    ///
    /// Throws ``SIPParseError/Code/invalidHeaderValue`` when the Call-ID is missing or holds a byte
    /// outside `word` (RFC 3261 section 25.1 `callid = word [ "@" word ]`), when `to-tag` or
    /// `from-tag` is missing or empty, or on a malformed parameter.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPReplaces {
        let value = SIPScanner.trimmed(bytes)
        var scanner = SIPScanner(value)
        guard let callID = scanner.scan(while: { SIPCharacterClass.word.contains($0) || $0 == 0x40 }) else {
            throw SIPParseError(
                .invalidHeaderValue,
                "Replaces must start with a Call-ID (RFC 3891 section 6.1)",
                offset: scanner.index
            )
        }
        let parameters = try scanner.parameters(limits: limits)
        scanner.skipWhitespace()
        if let byte = scanner.peek() {
            throw SIPParseError(
                .invalidHeaderValue,
                "unexpected \(SIPText.describe(byte)) in Replaces (expected ';' and a parameter)",
                offset: scanner.index
            )
        }
        func tag(_ name: String) throws(SIPParseError) -> String {
            guard let value = parameters[name] ?? nil, !value.isEmpty else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "Replaces has no \(name) parameter (RFC 3891 section 6.1 requires to-tag and from-tag)",
                    offset: value.startIndex
                )
            }
            return value
        }
        return SIPReplaces(
            callID: SIPText.string(callID),
            toTag: try tag("to-tag"),
            fromTag: try tag("from-tag"),
            earlyOnly: parameters.contains("early-only"),
            parameters: parameters
        )
    }

    /// Parses the value of a `Replaces` URI header as written in a Refer-To URI, escapes resolved
    /// first (RFC 3891 section 5; RFC 3261 section 19.1.2). Error offsets count bytes of the decoded text.
    public static func parse(uriHeaderValue: String, limits: SIPParseLimits) throws(SIPParseError) -> SIPReplaces {
        try parse(SIPPercentDecoded(uriHeaderValue).bytes[...], limits: limits)
    }
}
