/// A free-text header value: Subject (RFC 3261 section 20.36) and Organization (section 20.25),
/// both `TEXT-UTF8-TRIM`, and the non-standard X-Call-ID / X-CID that some equipment uses to
/// link call legs.
///
/// ``raw`` keeps the bytes as sent; ``text`` has each line folding replaced by one SP
/// (RFC 3261 section 7.3.1) and is trimmed. The value may be empty (Subject in RFC 4475
/// section 3.1.1.1, wsinv.dat: `s :`). Invalid UTF-8 is kept (replaced by U+FFFD) with a note.
public struct SIPTextValue: Hashable, Sendable, CustomStringConvertible {
    /// The value as sent, trimmed, folding included.
    public var raw: String
    /// The value unfolded and trimmed.
    public var text: String
    public var notes: [SIPParseNote]

    public init(raw: String, text: String, notes: [SIPParseNote] = []) {
        self.raw = raw
        self.text = text
        self.notes = notes
    }

    public var description: String { text }

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPTextValue {
        let value = SIPScanner.trimmed(bytes)
        var notes: [SIPParseNote] = []
        if !SIPHeaderValueText.isValidUTF8(value) {
            notes.append(
                SIPParseNote(
                    .invalidCharacters,
                    "text is not valid UTF-8 (RFC 3261 section 25.1 TEXT-UTF8)",
                    offset: value.startIndex
                )
            )
        }
        return SIPTextValue(
            raw: String(decoding: value, as: UTF8.self),
            text: String(decoding: SIPHeaderValueText.unfolded(value), as: UTF8.self),
            notes: notes
        )
    }
}
