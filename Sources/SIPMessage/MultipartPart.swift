/// One body part of a multipart body: MIME headers, then the part's bytes
/// (RFC 2046 section 5.1.1 `body-part`; RFC 5621 section 3 for SIP).
public struct MultipartPart: Hashable, Sendable, CustomStringConvertible {
    /// The part's headers in order.
    public var headers: [MultipartHeader]
    /// The part's content, a slice of the message bytes (indices are message offsets). The CRLF
    /// before the next boundary belongs to the boundary (RFC 2046 section 5.1.1) and is not here.
    public var body: ArraySlice<UInt8>
    /// The parsed Content-Type header, `nil` when absent or malformed (then see the notes).
    public var contentType: SIPMediaType?
    /// The parsed content when this part is itself multipart (RFC 2046 section 5.1.1 allows nesting).
    public var nested: MultipartBody?

    public init(
        headers: [MultipartHeader],
        body: ArraySlice<UInt8>,
        contentType: SIPMediaType? = nil,
        nested: MultipartBody? = nil
    ) {
        self.headers = headers
        self.body = body
        self.contentType = contentType
        self.nested = nested
    }

    /// The first value of header `name`, case-insensitive.
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name.lowercased() == name }?.value
    }

    /// Every value of header `name`, case-insensitive, in order.
    public func headers(named name: String) -> [String] {
        let name = name.lowercased()
        return headers.filter { $0.name.lowercased() == name }.map(\.value)
    }

    /// The Content-Type that applies: the header's, else `text/plain; charset=us-ascii`
    /// (RFC 2046 section 5.1, RFC 2045 section 5.2).
    public var effectiveContentType: SIPMediaType {
        contentType
            ?? SIPMediaType(
                type: "text",
                subtype: "plain",
                parameters: SIPParameters([SIPParameter(name: "charset", value: "us-ascii")])
            )
    }

    /// Content-Disposition as written, e.g. `session` or `render;handling=optional`
    /// (RFC 3261 section 20.11, RFC 5621 section 3.2).
    public var contentDisposition: String? { header("Content-Disposition") }

    /// Content-ID as written, e.g. `<abc@example.com>` (RFC 2045 section 7, RFC 5621 section 9.1).
    public var contentID: String? { header("Content-ID") }

    /// A summary (`application/sdp, 142 bytes`): the content may hold secrets (SDP keys), so it
    /// is not printed.
    public var description: String {
        "\(contentType?.essence ?? "no Content-Type"), \(body.count) bytes"
    }
}
