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
                let known = count <= 8 ? knownToken(count: count, packed: packed(buffer, start, count)) : nil
                tokens.append(known ?? SIPText.token(bytes[(base + start)..<(base + offset)]))
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
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        let mask = byte & 0x40 == 0 ? SIPCharacterClass.token.low : SIPCharacterClass.token.high
        return byte < 0x80 && (mask &>> UInt64(byte & 0x3F)) & 1 != 0
    }

    /// The `count` (1 to 8) bytes at `start` as one little-endian integer, the first in the low
    /// byte: one load when eight bytes are there to read, else one byte at a time.
    @inline(__always)
    private static func packed(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> UInt64 {
        if start + 8 <= buffer.count, let address = buffer.baseAddress {
            // The eight bytes at start..<start + 8 are inside the buffer (checked just above).
            let word = UInt64(littleEndian: UnsafeRawPointer(address + start).loadUnaligned(as: UInt64.self))
            // `count` is 1 to 8: the shift is 0 to 56 bits.
            return count == 8 ? word : word & ((1 &<< UInt64(count &* 8)) &- 1)
        }
        var packed: UInt64 = 0
        // `start + index` is below start + count, which the caller's scan kept within the buffer.
        for index in 0..<count { packed |= UInt64(buffer[start + index]) &<< UInt64(index &* 8) }
        return packed
    }

    /// The method names (RFC 3261 section 7.1 and the methods of later RFCs) and option tags
    /// (RFC 3262, 4028, 3891, 5626, 5627, 3327, 4538) that fill most Allow and Supported headers,
    /// as literals: found by length, then by their bytes packed by ``packed(_:_:_:)``,
    /// which costs a comparison or two where making a String validates and copies the bytes.
    private static func knownToken(count: Int, packed: UInt64) -> String? {
        switch count {
        case 3:
            switch packed {
            case 0x4B4341: "ACK"
            case 0x455942: "BYE"
            default: nil
            }
        case 4:
            switch packed {
            case 0x4F46_4E49: "INFO"
            case 0x6874_6170: "path"
            case 0x7575_7267: "gruu"
            default: nil
            }
        case 5:
            switch packed {
            case 0x4B_4341_5250: "PRACK"
            case 0x52_4546_4552: "REFER"
            case 0x72_656D_6974: "timer"
            default: nil
            }
        case 6:
            switch packed {
            case 0x6C65_7230_3031: "100rel"
            case 0x4C45_434E_4143: "CANCEL"
            case 0x4554_4956_4E49: "INVITE"
            case 0x5946_4954_4F4E: "NOTIFY"
            case 0x4554_4144_5055: "UPDATE"
            default: nil
            }
        case 7:
            switch packed {
            case 0x45_4741_5353_454D: "MESSAGE"
            case 0x53_4E4F_4954_504F: "OPTIONS"
            case 0x48_5349_4C42_5550: "PUBLISH"
            default: nil
            }
        case 8:
            switch packed {
            case 0x5245_5453_4947_4552: "REGISTER"
            case 0x7365_6361_6C70_6572: "replaces"
            case 0x646E_756F_6274_756F: "outbound"
            case 0x6F66_6E69_7473_6968: "histinfo"
            default: nil
            }
        default: nil
        }
    }

    /// Whether `token` is in the list ignoring ASCII case, for peers that spell option tags
    /// (`100REL`) or methods loosely.
    public func containsIgnoringCase(_ token: String) -> Bool {
        tokens.contains { SIPText.equalsIgnoringCase($0, token) }
    }
}
