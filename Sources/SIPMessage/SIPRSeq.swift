/// The RSeq header value (RFC 3262 section 7.1): the sequence number of a reliable
/// provisional response. `RSeq = "RSeq" HCOLON response-num`, `response-num = 1*DIGIT`, and
/// the value lies between 1 and 2**32-1 (RFC 3262 section 3: 0 is not a valid number).
public struct SIPRSeq: Hashable, Sendable {
    public var value: UInt32

    public init(_ value: UInt32) {
        self.value = value
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPRSeq {
        let digits = SIPScanner.trimmed(bytes)
        let value = try responseNumber(digits, field: "RSeq")
        return SIPRSeq(value)
    }

    /// `response-num`: 1 to 2**32-1 (RFC 3262 section 3 and 7.1), shared with RAck.
    static func responseNumber(_ digits: ArraySlice<UInt8>, field: String) throws(SIPParseError) -> UInt32 {
        let value = try SIPHeaderValueText.decimal(
            digits,
            offset: digits.startIndex,
            maximum: UInt64(UInt32.max),
            field: field,
            rule: "RFC 3262 section 7.1"
        )
        guard value >= 1 else {
            throw SIPParseError(
                .invalidHeaderValue,
                "\(field) 0 is out of range; response numbers are 1 to 4294967295 (RFC 3262 section 3)",
                offset: digits.startIndex
            )
        }
        return UInt32(truncatingIfNeeded: value)
    }
}
