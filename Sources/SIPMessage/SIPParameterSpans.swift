/// Where the parameters of a parsed URI or address are in its bytes, so that their Strings are
/// made only when read (see ``SIPAddressSource``): a few fixed-size records held inline, no array.
///
/// Offsets are relative to the start of the bytes they were found in, which a parser only keeps
/// here when they fit a `UInt16` (``fits(_:)``); more than ``capacity`` parameters do not fit
/// either, and the parser then keeps Strings as before.
struct SIPParameterSpans: Sendable {
    /// How a parameter's value is written.
    enum ValueForm: UInt8, Sendable {
        /// No `=`: `;lr`.
        case none
        /// Characters that stand for themselves (a token, a host, URI `paramchar`s, or nothing).
        case plain
        /// A quoted-string without `\` escapes; the span is inside the quotes.
        case quoted
        /// A quoted-string with `quoted-pair`s, resolved when read (RFC 3261 section 25.1).
        case quotedEscaped
    }

    /// One `name [ "=" value ]`.
    struct Span: Sendable {
        var nameStart: UInt16 = 0
        var nameEnd: UInt16 = 0
        var valueStart: UInt16 = 0
        var valueEnd: UInt16 = 0
        var form = ValueForm.none
    }

    /// The most parameters kept as spans: URIs and addresses usually have one or two.
    static let capacity = 4

    private(set) var count = 0
    private var spans = InlineArray<4, Span>(repeating: Span())

    /// Whether offsets into `bytes` fit a span.
    static func fits(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count <= Int(UInt16.max)
    }

    /// Adds a span; `false` when ``capacity`` spans are already held.
    mutating func append(_ span: Span) -> Bool {
        guard count < Self.capacity else { return false }
        spans[count] = span
        count += 1
        return true
    }

    /// The span at `position`, which must be below ``count``; an empty span otherwise.
    func span(at position: Int) -> Span {
        guard position >= 0, position < count else { return Span() }
        return spans[position]
    }

    /// The parameter at `position`, its Strings made from `bytes` (those the offsets are relative to).
    func parameter(at position: Int, in bytes: ArraySlice<UInt8>) -> SIPParameter {
        let span = span(at: position)
        return SIPParameter(
            name: SIPText.token(Self.slice(bytes, span.nameStart, span.nameEnd)),
            value: value(of: span, in: bytes)
        )
    }

    /// The value of the first parameter named `name` (case-insensitive, as ``SIPParameters/parameter(_:)``):
    /// `.some(nil)` when present without a value, `nil` when absent. No String is made for names.
    func value(named name: String, in bytes: ArraySlice<UInt8>) -> String?? {
        guard let position = firstPosition(named: name, in: bytes) else { return nil }
        return .some(value(of: span(at: position), in: bytes))
    }

    /// The position of the first parameter named `name`, compared ignoring ASCII case.
    func firstPosition(named name: String, in bytes: ArraySlice<UInt8>) -> Int? {
        // Most addresses have no header parameters, and most URIs none or one.
        guard count > 0 else { return nil }
        // `nil` when undecided: Unicode lower-casing can map other characters to ASCII letters
        // (K, the Kelvin sign), so such a name is compared as Strings, as ``SIPParameters`` does.
        let decided: Int?? =
            name.utf8.withContiguousStorageIfAvailable { wanted -> Int?? in
                guard !wanted.contains(where: { $0 >= 0x80 }) else { return nil }
                return bytes.withUnsafeBufferPointer { buffer in
                    (0..<count).first { Self.name(of: span(at: $0), in: buffer, equals: wanted) }
                }
            } ?? nil
        if let decided { return decided }
        return (0..<count).first { position in
            let span = span(at: position)
            return SIPText.equalsIgnoringCase(SIPText.string(Self.slice(bytes, span.nameStart, span.nameEnd)), name)
        }
    }

    /// Whether the name of `span` in `buffer` equals the ASCII `wanted` ignoring case.
    private static func name(
        of span: Span,
        in buffer: UnsafeBufferPointer<UInt8>,
        equals wanted: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let start = Int(span.nameStart)
        guard Int(span.nameEnd) - start == wanted.count, Int(span.nameEnd) <= buffer.count else { return false }
        // Offsets below wanted.count stay below nameEnd, which is at most buffer.count.
        for offset in 0..<wanted.count
        where SIPText.lowercased(buffer[start + offset]) != SIPText.lowercased(wanted[offset]) {
            return false
        }
        return true
    }

    private func value(of span: Span, in bytes: ArraySlice<UInt8>) -> String? {
        let text = Self.slice(bytes, span.valueStart, span.valueEnd)
        switch span.form {
        case .none: return nil
        case .plain, .quoted: return Self.string(text)
        case .quotedEscaped: return SIPScanner.unescaped(text)
        }
    }

    /// The String of `bytes`, decoded as UTF-8 (invalid bytes become U+FFFD); from the buffer,
    /// which costs less than from the slice.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// `bytes[start..<end]` by offsets from its start, clamped so that no offset leaves the slice.
    static func slice(_ bytes: ArraySlice<UInt8>, _ start: UInt16, _ end: UInt16) -> ArraySlice<UInt8> {
        let lower = min(bytes.startIndex + Int(start), bytes.endIndex)
        let upper = min(max(bytes.startIndex + Int(end), lower), bytes.endIndex)
        return bytes[lower..<upper]
    }
}
