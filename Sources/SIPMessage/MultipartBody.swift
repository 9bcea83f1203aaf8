/// A multipart body (RFC 2046 section 5.1; in SIP, RFC 5621): body parts separated by
/// `--boundary` lines, closed by `--boundary--`.
///
/// The preamble (before the first delimiter) and the epilogue (after the close delimiter)
/// are ignored, as RFC 2046 section 5.1.1 requires. Transport padding (white space after a
/// delimiter) and LF line ends are tolerated; a missing close delimiter is noted and the last
/// part runs to the end of the body.
public struct MultipartBody: Hashable, Sendable, CustomStringConvertible {
    /// The boundary, without the leading `--`.
    public var boundary: String
    /// The multipart subtype (`mixed`, `alternative`, `related`, ...), when the caller knows it.
    public var subtype: String?
    /// The body parts in order.
    public var parts: [MultipartPart]
    /// What the parser noticed and worked around, including the notes of nested multiparts.
    public var notes: [SIPParseNote]

    public init(boundary: String, subtype: String? = nil, parts: [MultipartPart], notes: [SIPParseNote] = []) {
        self.boundary = boundary
        self.subtype = subtype
        self.parts = parts
        self.notes = notes
    }

    /// The first part whose Content-Type is `type` (e.g. `application/sdp`, or `text/*`),
    /// searching nested multiparts depth-first in order.
    public func firstPart(ofType type: String) -> MultipartPart? {
        for part in parts {
            if part.contentType?.matches(type) == true { return part }
            if let nested = part.nested, let found = nested.firstPart(ofType: type) { return found }
        }
        return nil
    }

    /// `multipart/mixed: application/sdp, 142 bytes; text/plain, 5 bytes`.
    public var description: String {
        "multipart/\(subtype ?? "?"): " + parts.map(\.description).joined(separator: "; ")
    }

    /// Parses a multipart body with the given boundary (the Content-Type's `boundary`
    /// parameter). `depth` is this body's nesting level, 1 for the message body itself.
    ///
    /// Throws ``SIPParseError/Code/invalidBody`` when the boundary is empty or no delimiter line
    /// is found, and ``SIPParseError/Code/limitExceeded`` naming `maxMultipartDepth`,
    /// `maxMultipartParts` or `maxHeaderCount` when a limit of `limits` is passed.
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        boundary: String,
        limits: SIPParseLimits,
        depth: Int = 1,
        subtype: String? = nil
    ) throws(SIPParseError) -> MultipartBody {
        guard depth <= limits.maxMultipartDepth else {
            throw SIPParseError(
                .limitExceeded,
                "multipart nested \(depth) deep, more than \(limits.maxMultipartDepth) (limit maxMultipartDepth)",
                offset: bytes.startIndex
            )
        }
        var parser = MultipartParser(bytes: bytes, boundary: boundary, limits: limits, depth: depth)
        var body = try parser.parse()
        body.subtype = subtype?.lowercased()
        return body
    }
}
