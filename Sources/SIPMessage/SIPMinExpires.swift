/// The Min-Expires header value (RFC 3261 section 20.23): the shortest registration or
/// subscription interval a server accepts, sent in 423 (Interval Too Brief).
/// `Min-Expires = "Min-Expires" HCOLON delta-seconds`, range 0 to 2**32-1 as for Expires
/// (values above it are an error; see ``SIPExpires``).
public struct SIPMinExpires: Hashable, Sendable {
    public var seconds: UInt32

    public init(seconds: UInt32) {
        self.seconds = seconds
    }

    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> SIPMinExpires {
        SIPMinExpires(seconds: try SIPExpires.deltaSeconds(bytes, field: "Min-Expires", rule: "RFC 3261 section 20.23"))
    }
}
