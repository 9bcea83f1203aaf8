/// The Content-Length header value (RFC 3261 section 20.14): the body's size in octets.
/// `Content-Length = ( "Content-Length" / "l" ) HCOLON 1*DIGIT`.
public struct SIPContentLength: Hashable, Sendable {
    /// The body length in octets; never negative.
    public var value: Int

    /// `value` is clamped to zero when negative: the grammar has no sign.
    public init(_ value: Int) {
        self.value = max(0, value)
    }

    /// Parses one Content-Length value. Errors say exactly why: empty, negative (RFC 4475
    /// section 3.1.2.3, ncl.dat: `-999`), not a number, or larger than `Int.max` (a length no
    /// message can have).
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> SIPContentLength {
        let digits = SIPScanner.trimmed(bytes)
        let value = try SIPHeaderValueText.decimal(
            digits,
            offset: digits.startIndex,
            maximum: UInt64(Int.max),
            field: "Content-Length",
            rule: "RFC 3261 section 20.14"
        )
        return SIPContentLength(Int(truncatingIfNeeded: value))
    }
}
