/// The CSeq header: RFC 3261 section 20.16 `CSeq = 1*DIGIT LWS Method`.
public struct SIPCSeq: Hashable, Sendable, CustomStringConvertible {
    /// Largest sequence number plus one: RFC 3261 section 8.1.1.5 requires less than 2^31.
    public static let limit: UInt32 = 1 << 31

    /// The sequence number, less than 2^31.
    public var number: UInt32
    /// The method, a case-sensitive token as written (RFC 3261 section 7.1).
    public var method: String

    public init(number: UInt32, method: String) {
        self.number = number
        self.method = method
    }

    /// `1 INVITE`: the number without leading zeros, one space, the method.
    public var description: String { String(number) + " " + method }

    /// Parses a CSeq value; leading zeros and folding are allowed (`0009\r\n  INVITE`, RFC 4475
    /// section 3.1.1.1).
    ///
    /// Throws ``SIPParseError/Code/invalidHeaderValue`` when the number is missing, is 2^31 or
    /// more (the reason names the value, RFC 4475 section 3.1.2.4 and 3.1.2.5), or the method is
    /// missing, not a token, or followed by more text.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPCSeq {
        let value = SIPScanner.trimmed(bytes)
        var scanner = SIPScanner(value)
        guard let digits = scanner.scan(while: SIPText.isDigit) else {
            throw SIPParseError(
                .invalidHeaderValue,
                "CSeq must start with a sequence number (RFC 3261 section 20.16)",
                offset: scanner.index
            )
        }
        guard let number = SIPText.decimal(digits, maximum: UInt64(limit - 1)) else {
            throw SIPParseError(
                .invalidHeaderValue,
                "CSeq number \(SIPText.excerpt(digits)) is not less than 2**31 (RFC 3261 section 8.1.1.5)",
                offset: digits.startIndex
            )
        }
        let afterNumber = scanner.index
        scanner.skipWhitespace()
        guard scanner.index > afterNumber else {
            if let byte = scanner.peek() {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "unexpected \(SIPText.describe(byte)) in the CSeq number",
                    offset: scanner.index
                )
            }
            throw SIPParseError(.invalidHeaderValue, "CSeq has no method", offset: scanner.index)
        }
        guard let method = scanner.token() else {
            throw SIPParseError(.invalidHeaderValue, "CSeq method is not a token", offset: scanner.index)
        }
        scanner.skipWhitespace()
        if let byte = scanner.peek() {
            throw SIPParseError(
                .invalidHeaderValue,
                "unexpected \(SIPText.describe(byte)) after the CSeq method",
                offset: scanner.index
            )
        }
        // The registered methods are literals: no String made from the bytes.
        let known = method.withUnsafeBufferPointer { KnownToken.literal($0, start: 0, count: $0.count) }
        return SIPCSeq(number: UInt32(truncatingIfNeeded: number), method: known ?? SIPText.string(method))
    }
}
