/// A comma-separated list of tokens: the values of Allow (methods, RFC 3261 section 20.5),
/// Supported (option tags, section 20.37), Require (section 20.32), Proxy-Require
/// (section 20.29) and Unsupported (section 20.40).
///
/// Allow and Supported may be empty (`[Method *(COMMA Method)]`); Require, Proxy-Require and
/// Unsupported need at least one tag, which ``isEmpty`` lets the caller check. Tokens are kept
/// as written: methods are case-sensitive (RFC 3261 section 7.1), and option tags are compared
/// as written too, so unknown ones can be reported exactly (RFC 4475 section 3.3.5, bext01.dat).
public struct SIPTokenList: Hashable, Sendable, RandomAccessCollection {
    public private(set) var tokens: [String]

    public init(_ tokens: [String]) {
        self.tokens = tokens
    }

    public var startIndex: Int { tokens.startIndex }
    public var endIndex: Int { tokens.endIndex }
    public subscript(position: Int) -> String { tokens[position] }

    /// Parses one header value: `token *(COMMA token)`, or nothing. Several header lines of the
    /// same name make one list (RFC 3261 section 7.3.1): concatenate their ``tokens``.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPTokenList {
        SIPTokenList(try parseList(bytes, limits: limits))
    }

    /// The tokens of one header value, split with ``SIPScanner/splitList(_:limits:)``. An element
    /// that is not a single token (`INVITE ACK`, `100rel;x`) is an error at its first bad byte.
    public static func parseList(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> [String] {
        var tokens: [String] = []
        try appendTokens(bytes, to: &tokens, limits: limits)
        return tokens
    }

    /// Parses one header value like ``parseList(_:limits:)`` and appends its tokens to `tokens`.
    static func appendTokens(
        _ bytes: ArraySlice<UInt8>,
        to tokens: inout [String],
        limits: SIPParseLimits
    ) throws(SIPParseError) {
        // One allocation instead of one per doubling: a token and a comma take two bytes or
        // more, so this is never too little (capped for long values, which then grow).
        tokens.reserveCapacity(tokens.count + Swift.min(bytes.count / 2 + 1, limits.maxListElements, 32))
        if appendPlainTokens(bytes, to: &tokens, limits: limits) { return }
        var notes: [SIPParseNote] = []
        try SIPScanner.forEachListElement(bytes, limits: limits, notes: &notes) { element, _ throws(SIPParseError) in
            guard let bad = element.firstIndex(where: { !SIPScanner.isTokenCharacter($0) }) else {
                tokens.append(SIPText.token(element))
                return
            }
            throw SIPParseError(
                .invalidHeaderValue,
                "list element \(SIPHeaderValueText.excerpt(element)) is not a token (RFC 3261 section 25.1)",
                offset: bad
            )
        }
    }

    /// The common shape, `token *( *WSP "," *WSP token )` without line folding, read in one pass
    /// over the bytes. Returns `false` having appended nothing for anything else (empty elements,
    /// folding, bad bytes, too many elements), which the general path then reads and reports.
    private static func appendPlainTokens(
        _ bytes: ArraySlice<UInt8>,
        to tokens: inout [String],
        limits: SIPParseLimits
    ) -> Bool {
        let before = tokens.count
        let base = bytes.startIndex
        // Every read of `buffer` is at an offset checked against buffer.count just before it.
        let plain = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var offset = 0
            while true {
                while offset < buffer.count, buffer[offset] == 0x20 || buffer[offset] == 0x09 { offset += 1 }
                let start = offset
                while offset < buffer.count, isTokenCharacter(buffer[offset]) { offset += 1 }
                let count = offset - start
                guard count > 0, tokens.count - before < limits.maxListElements else { return false }
                tokens.append(
                    KnownToken.literal(buffer, start: start, count: count)
                        ?? SIPText.token(bytes[(base + start)..<(base + offset)])
                )
                while offset < buffer.count, buffer[offset] == 0x20 || buffer[offset] == 0x09 { offset += 1 }
                guard offset < buffer.count else { return true }
                guard buffer[offset] == 0x2C else { return false }
                offset += 1
            }
        }
        if !plain { tokens.removeSubrange(before...) }
        return plain
    }

    /// ``SIPCharacterClass/token`` membership with one branch: the mask is chosen by the byte's
    /// 0x40 bit (a conditional move), the byte's low six bits pick the bit.
    @inline(__always)
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        let mask = byte & 0x40 == 0 ? SIPCharacterClass.token.low : SIPCharacterClass.token.high
        return byte < 0x80 && (mask &>> UInt64(byte & 0x3F)) & 1 != 0
    }

    /// Whether `token` is in the list ignoring ASCII case, for peers that spell option tags
    /// (`100REL`) or methods loosely.
    public func containsIgnoringCase(_ token: String) -> Bool {
        tokens.contains { SIPText.equalsIgnoringCase($0, token) }
    }
}
