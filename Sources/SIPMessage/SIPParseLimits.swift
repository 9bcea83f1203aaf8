/// Caps that keep hostile messages from costing more than real ones. Exceeding one is an error
/// of code ``SIPParseError/Code/limitExceeded`` whose reason names the limit.
public struct SIPParseLimits: Hashable, Sendable {
    /// Largest message, start line to end of body. RFC 3261 sets none; 256 KiB is far above
    /// real messages (a few KiB) and matches the capture decoder's stream cap.
    public var maxMessageLength = 256 * 1024
    /// Most header lines. Real messages carry 10 to 40; proxies add a few Via and Record-Route each.
    public var maxHeaderCount = 256
    /// Longest header line, folding included.
    public var maxHeaderLineLength = 16 * 1024
    /// Most parameters on one URI or header value.
    public var maxParameters = 64
    /// Most values in one comma-separated header (Via, Contact, Route, ...).
    public var maxListElements = 256
    /// Deepest multipart nesting (multipart inside multipart).
    public var maxMultipartDepth = 4
    /// Most parts in one multipart body.
    public var maxMultipartParts = 64
    /// Most lines in one SDP body.
    public var maxSDPLines = 4096
    /// Deepest nesting of `( ... )` comments (User-Agent, Server; RFC 3261 section 25.1 `comment`).
    /// The grammar nests without bound; real products use one or two levels.
    public var maxCommentDepth = 8

    public init() {}

    public static let `default` = SIPParseLimits()
}
