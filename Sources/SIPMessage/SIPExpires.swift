/// The Expires header value (RFC 3261 section 20.19): a relative time in seconds,
/// `Expires = "Expires" HCOLON delta-seconds`, "between 0 and (2**32)-1".
///
/// RFC 3261 does not say to clamp larger values: a value above 2**32-1 breaks the grammar's
/// range, and RFC 4475 section 3.1.2.4 (scalar02.dat) lists it among the overlarge fields that
/// make the request malformed (a registrar may instead treat it as its default, 3600 seconds;
/// compare RFC 3261 section 20.10 for malformed Contact `expires`). So parsing throws, with
/// the value in the reason, and the caller chooses.
public struct SIPExpires: Hashable, Sendable {
    /// Seconds from receipt of the message.
    public var seconds: UInt32

    public init(seconds: UInt32) {
        self.seconds = seconds
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPExpires {
        SIPExpires(seconds: try deltaSeconds(bytes, field: "Expires", rule: "RFC 3261 section 20.19"))
    }

    /// `delta-seconds` (RFC 3261 section 25.1, range from section 20.19), shared with the
    /// other headers that carry one (Min-Expires, Session-Expires, Min-SE).
    static func deltaSeconds(
        _ bytes: ArraySlice<UInt8>,
        field: String,
        rule: String
    ) throws(SIPParseError) -> UInt32 {
        let digits = SIPScanner.trimmed(bytes)
        let value = try SIPHeaderValueText.decimal(
            digits,
            offset: digits.startIndex,
            maximum: UInt64(UInt32.max),
            field: field,
            rule: rule
        )
        return UInt32(truncatingIfNeeded: value)
    }
}
