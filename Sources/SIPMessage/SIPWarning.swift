/// One Warning value: RFC 3261 section 20.43
/// `warning-value = warn-code SP warn-agent SP warn-text`.
public struct SIPWarning: Hashable, Sendable, CustomStringConvertible {
    /// The three-digit warn-code (RFC 3261 section 20.43: 3xx codes describe session descriptions).
    public var code: Int
    /// The warn-agent: `hostport` or a pseudonym token, as written.
    public var agent: String
    /// The warn-text, unquoted.
    public var text: String

    public init(code: Int, agent: String, text: String) {
        self.code = code
        self.agent = agent
        self.text = text
    }

    /// The meaning RFC 3261 section 20.43 gives `code`, when it is one of its codes.
    public var codeDescription: String? {
        switch code {
        case 300: "Incompatible network protocol"
        case 301: "Incompatible network address formats"
        case 302: "Incompatible transport protocol"
        case 303: "Incompatible bandwidth units"
        case 304: "Media type not available"
        case 305: "Incompatible media format"
        case 306: "Attribute not understood"
        case 307: "Session description parameter not understood"
        case 330: "Multicast not available"
        case 331: "Unicast not available"
        case 370: "Insufficient bandwidth"
        case 399: "Miscellaneous warning"
        default: nil
        }
    }

    /// `307 host.example.com "text"`.
    public var description: String {
        String(code) + " " + agent + " " + SIPText.quoted(text)
    }

    /// Parses one Warning value.
    ///
    /// Throws ``SIPParseError/Code/invalidHeaderValue`` when the code is not exactly three digits
    /// (RFC 4475 section 3.1.2.5 sends `1812`), the agent is missing, or the text is not a
    /// closed quoted-string ending the value.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPWarning {
        let value = SIPScanner.trimmed(bytes)
        var scanner = SIPScanner(value)
        let digits = scanner.scan(while: SIPText.isDigit) ?? value[value.startIndex..<value.startIndex]
        guard digits.count == 3, let code = SIPText.decimal(digits, maximum: 999) else {
            throw SIPParseError(
                .invalidHeaderValue,
                digits.isEmpty
                    ? "Warning must start with a three-digit warn-code (RFC 3261 section 20.43)"
                    : "warn-code \(SIPText.excerpt(digits)) is not three digits (RFC 3261 section 20.43)",
                offset: value.startIndex
            )
        }
        let afterCode = scanner.index
        scanner.skipWhitespace()
        guard scanner.index > afterCode,
            let agent = scanner.scan(while: { !SIPScanner.isWhitespace($0) && $0 != 0x22 })
        else {
            throw SIPParseError(
                .invalidHeaderValue,
                "expected a warn-agent after the warn-code (RFC 3261 section 20.43)",
                offset: scanner.index
            )
        }
        scanner.skipWhitespace()
        guard scanner.peek() == 0x22 else {
            throw SIPParseError(
                .invalidHeaderValue,
                "expected a quoted warn-text after the warn-agent (RFC 3261 section 20.43)",
                offset: scanner.index
            )
        }
        let text = try scanner.quotedString()
        scanner.skipWhitespace()
        if let byte = scanner.peek() {
            throw SIPParseError(
                .invalidHeaderValue,
                "unexpected \(SIPText.describe(byte)) after the warn-text",
                offset: scanner.index
            )
        }
        return SIPWarning(code: Int(code), agent: SIPText.string(agent), text: text)
    }

    /// Parses a Warning header with comma-separated values (commas inside the text do not separate).
    public static func parseList(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> [SIPWarning] {
        var warnings: [SIPWarning] = []
        var notes: [SIPParseNote] = []
        try SIPScanner.appendList(
            bytes,
            to: &warnings,
            limits: limits,
            emptyReason: "empty Warning header",
            notes: &notes
        ) {
            element,
            _ throws(SIPParseError) in try parse(element, limits: limits)
        }
        return warnings
    }
}
