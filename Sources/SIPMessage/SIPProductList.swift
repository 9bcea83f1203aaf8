/// The value of User-Agent (RFC 3261 section 20.41) or Server (section 20.35): product tokens
/// and comments, `server-val *(LWS server-val)` with `server-val = product / comment` and
/// `product = token [SLASH product-version]`.
///
/// Real products write almost anything here, so parsing is lenient: a name or version with
/// characters outside `token` is kept with a note, an unclosed comment runs to the end with a
/// note. ``raw`` keeps the text as sent.
public struct SIPProductList: Hashable, Sendable {
    /// `token [SLASH product-version]` (RFC 3261 section 25.1 `product`).
    public struct Product: Hashable, Sendable {
        public var name: String
        /// `nil` without `/`; empty after a `/` with nothing behind it.
        public var version: String?

        public init(name: String, version: String? = nil) {
            self.name = name
            self.version = version
        }
    }

    /// One `server-val`, in the order written.
    public enum Element: Hashable, Sendable {
        case product(Product)
        /// The text between the outer parentheses (inner ones kept, quoted-pairs resolved).
        case comment(String)
    }

    /// The header value as sent (trimmed; invalid UTF-8 replaced by U+FFFD).
    public var raw: String
    public var elements: [Element]
    /// What was accepted leniently.
    public var notes: [SIPParseNote]

    public init(raw: String, elements: [Element], notes: [SIPParseNote] = []) {
        self.raw = raw
        self.elements = elements
        self.notes = notes
    }

    /// The products, without the comments.
    public var products: [Product] {
        elements.compactMap { element in
            if case .product(let product) = element { product } else { nil }
        }
    }

    /// The comments, without the products.
    public var comments: [String] {
        elements.compactMap { element in
            if case .comment(let text) = element { text } else { nil }
        }
    }

    /// Parses one User-Agent or Server value. Empty values are an error (the grammar needs one
    /// `server-val`); more than `limits.maxListElements` elements or comments nested deeper than
    /// `limits.maxCommentDepth` are limit errors.
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> SIPProductList {
        let value = SIPScanner.trimmed(bytes)
        guard !value.isEmpty else {
            throw SIPParseError(
                .invalidHeaderValue,
                "product list is empty (RFC 3261 section 20.41 and 20.35 need one product or comment)",
                offset: value.startIndex
            )
        }
        var scanner = SIPScanner(value)
        var elements: [Element] = []
        var notes: [SIPParseNote] = []
        while true {
            scanner.skipWhitespace()
            guard let byte = scanner.peek() else { break }
            guard elements.count < limits.maxListElements else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxListElements) products and comments (limit maxListElements)",
                    offset: scanner.index
                )
            }
            let start = scanner.index
            if byte == 0x28 {
                let (text, isClosed) = try SIPHeaderValueText.comment(&scanner, limits: limits)
                if !isClosed {
                    notes.append(
                        SIPParseNote(
                            .invalidHeaderValue,
                            "comment is not closed; taken to the end of the value (RFC 3261 section 25.1 comment)",
                            offset: start
                        )
                    )
                }
                elements.append(.comment(text))
                continue
            }
            let name = scanner.scan { !SIPScanner.isWhitespace($0) && $0 != 0x2F && $0 != 0x28 }
            var version: ArraySlice<UInt8>?
            if scanner.consumeSeparator(0x2F) {
                version = scanner.scan { !SIPScanner.isWhitespace($0) && $0 != 0x28 } ?? scanner.rest.prefix(0)
            }
            let isToken = { (part: ArraySlice<UInt8>?) in
                part.map { $0.allSatisfy(SIPScanner.isTokenCharacter) } ?? true
            }
            if name == nil || version?.isEmpty == true || !isToken(name) || !isToken(version) {
                notes.append(
                    SIPParseNote(
                        .invalidHeaderValue,
                        "product \(SIPHeaderValueText.excerpt(scanner.consumed(from: start))) is not "
                            + "token [\"/\" token] (RFC 3261 section 25.1 product)",
                        offset: start
                    )
                )
            }
            elements.append(
                .product(
                    Product(
                        name: name.map { String(decoding: $0, as: UTF8.self) } ?? "",
                        version: version.map { String(decoding: $0, as: UTF8.self) }
                    )
                )
            )
        }
        return SIPProductList(raw: String(decoding: value, as: UTF8.self), elements: elements, notes: notes)
    }
}
