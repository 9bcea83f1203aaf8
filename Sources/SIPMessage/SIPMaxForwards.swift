/// The Max-Forwards header value (RFC 3261 section 20.22): how many more hops a request may
/// take. `Max-Forwards = "Max-Forwards" HCOLON 1*DIGIT`, and the value is "an integer in the
/// range 0-255". Leading zeros are allowed by `1*DIGIT` (RFC 4475 section 3.1.1.1, wsinv.dat:
/// `0068` is 68).
public struct SIPMaxForwards: Hashable, Sendable {
    /// The remaining hop count. 0 means a proxy must answer 483 (RFC 3261 section 16.3 step 2).
    public var value: UInt8

    public init(_ value: UInt8) {
        self.value = value
    }

    /// Parses one Max-Forwards value. A number above 255 is an error whose reason gives the
    /// value (RFC 4475 section 3.1.2.4, scalar02.dat: `300`).
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPMaxForwards
    {
        let digits = SIPScanner.trimmed(bytes)
        let value = try SIPHeaderValueText.decimal(
            digits,
            offset: digits.startIndex,
            maximum: UInt64(UInt8.max),
            field: "Max-Forwards",
            rule: "RFC 3261 section 20.22"
        )
        return SIPMaxForwards(UInt8(truncatingIfNeeded: value))
    }
}
