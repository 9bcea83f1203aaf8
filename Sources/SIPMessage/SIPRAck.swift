/// The RAck header value (RFC 3262 section 7.2): which reliable provisional response a PRACK
/// acknowledges. `RAck = "RAck" HCOLON response-num LWS CSeq-num LWS Method`.
public struct SIPRAck: Hashable, Sendable {
    /// The RSeq of the acknowledged response, 1 to 2**32-1 (RFC 3262 section 3).
    public var responseNumber: UInt32
    /// The CSeq number of the acknowledged response; a 32-bit unsigned integer
    /// (RFC 3261 section 8.1.1.5).
    public var cseqNumber: UInt32
    /// The CSeq method, as written (methods are case-sensitive, RFC 3261 section 7.1).
    public var method: String

    public init(responseNumber: UInt32, cseqNumber: UInt32, method: String) {
        self.responseNumber = responseNumber
        self.cseqNumber = cseqNumber
        self.method = method
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPRAck {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        let responseDigits = scanner.scan { !SIPScanner.isWhitespace($0) } ?? scanner.rest
        let responseNumber = try SIPRSeq.responseNumber(responseDigits, field: "RAck response-num")
        try requireWhitespace(&scanner, before: "CSeq-num")
        let cseqDigits = scanner.scan { !SIPScanner.isWhitespace($0) } ?? scanner.rest
        let cseq = try SIPHeaderValueText.decimal(
            cseqDigits,
            offset: cseqDigits.startIndex,
            maximum: UInt64(UInt32.max),
            field: "RAck CSeq-num",
            rule: "RFC 3262 section 7.2"
        )
        try requireWhitespace(&scanner, before: "Method")
        let methodStart = scanner.index
        guard let method = scanner.token() else {
            throw SIPParseError(
                .invalidHeaderValue,
                "RAck Method is not a token (RFC 3262 section 7.2, RFC 3261 section 25.1)",
                offset: methodStart
            )
        }
        guard scanner.isAtEnd else {
            throw SIPParseError(
                .invalidHeaderValue,
                "unexpected text after the RAck Method (RFC 3262 section 7.2)",
                offset: scanner.index
            )
        }
        return SIPRAck(
            responseNumber: responseNumber,
            cseqNumber: UInt32(truncatingIfNeeded: cseq),
            method: String(decoding: method, as: UTF8.self)
        )
    }

    private static func requireWhitespace(_ scanner: inout SIPScanner, before part: String) throws(SIPParseError) {
        let start = scanner.index
        scanner.skipWhitespace()
        guard scanner.index > start, !scanner.isAtEnd else {
            throw SIPParseError(
                .invalidHeaderValue,
                "RAck needs white space and then a \(part) (RFC 3262 section 7.2)",
                offset: scanner.index
            )
        }
    }
}
