/// The Retry-After header: RFC 3261 section 20.33
/// `Retry-After = delta-seconds [ comment ] *( SEMI retry-param )`, with `duration`.
public struct SIPRetryAfter: Hashable, Sendable, CustomStringConvertible {
    /// Seconds to wait, up to 2^32-1 (RFC 3261 section 25.1 `delta-seconds`).
    public var seconds: UInt32
    /// The comment without its outer parentheses, quoted-pairs resolved (`(in a meeting)`).
    public var comment: String?
    /// The parameters in order (`duration`, extensions).
    public var parameters: SIPParameters

    public init(seconds: UInt32, comment: String? = nil, parameters: SIPParameters = SIPParameters()) {
        self.seconds = seconds
        self.comment = comment
        self.parameters = parameters
    }

    /// The `duration` parameter: how long the callee will be available (RFC 3261 section 20.33).
    public var duration: UInt32? {
        guard let text = parameters["duration"] ?? nil else { return nil }
        return SIPText.decimal(Array(text.utf8)[...], maximum: UInt64(UInt32.max)).map { UInt32($0) }
    }

    /// `120 (comment);duration=3600`.
    public var description: String {
        var text = String(seconds)
        if let comment { text += " (" + comment + ")" }
        for parameter in parameters {
            text += ";" + SIPText.parameterText(parameter)
        }
        return text
    }

    /// Parses a Retry-After value.
    ///
    /// Throws ``SIPParseError/Code/invalidHeaderValue`` when the seconds are missing or above
    /// 2^32-1 (RFC 4475 section 3.1.2.5 sends 949302838503028349304023988; the reason names it),
    /// the comment is not closed, `duration` is not delta-seconds, or text follows.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPRetryAfter
    {
        let value = SIPScanner.trimmed(bytes)
        var scanner = SIPScanner(value)
        guard let digits = scanner.scan(while: SIPText.isDigit) else {
            throw SIPParseError(
                .invalidHeaderValue,
                "Retry-After must start with a number of seconds (RFC 3261 section 20.33)",
                offset: scanner.index
            )
        }
        guard let seconds = SIPText.decimal(digits, maximum: UInt64(UInt32.max)) else {
            throw SIPParseError(
                .invalidHeaderValue,
                "Retry-After \(SIPText.excerpt(digits)) is larger than 2**32-1 (RFC 3261 section 25.1 delta-seconds)",
                offset: digits.startIndex
            )
        }
        scanner.skipWhitespace()
        var comment: String?
        if scanner.peek() == 0x28 {
            let start = scanner.index
            let parsed = try SIPHeaderValueText.comment(&scanner, limits: limits)
            guard parsed.isClosed else {
                throw SIPParseError(.invalidHeaderValue, "Retry-After comment is not closed with ')'", offset: start)
            }
            comment = SIPText.collapsingWhitespace(Array(parsed.text.utf8)[...])
        }
        let parameters = try scanner.parameters(limits: limits)
        scanner.skipWhitespace()
        if let byte = scanner.peek() {
            throw SIPParseError(
                .invalidHeaderValue,
                "unexpected \(SIPText.describe(byte)) in Retry-After",
                offset: scanner.index
            )
        }
        if let duration = parameters.parameter("duration") {
            let durationDigits = Array((duration.value ?? "").utf8)[...]
            guard SIPText.decimal(durationDigits, maximum: UInt64(UInt32.max)) != nil else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "Retry-After duration \(SIPText.excerpt(durationDigits)) is not delta-seconds (RFC 3261 section 20.33)",
                    offset: digits.startIndex
                )
            }
        }
        return SIPRetryAfter(seconds: UInt32(truncatingIfNeeded: seconds), comment: comment, parameters: parameters)
    }
}
