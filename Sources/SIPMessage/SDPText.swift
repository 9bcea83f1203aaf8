/// Small lexical helpers shared by the SDP parsers (RFC 8866 section 9 grammar). Every helper
/// works on `Substring` or byte slices without subscripting past the end: SDP comes from the network.
enum SDPText {
    /// A decimal number made only of ASCII digits (no sign, no spaces), or `nil`. At most 18
    /// digits, so the value always fits in `Int` and hostile counts cannot overflow.
    static func decimal<S: StringProtocol>(_ text: S) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18 else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// A decimal number no greater than `maximum`.
    static func decimal<S: StringProtocol>(_ text: S, maximum: Int) -> Int? {
        guard let value = decimal(text), value <= maximum else { return nil }
        return value
    }

    /// Fields separated by runs of SP or HTAB. RFC 8866 section 9 asks for exactly one SP;
    /// real equipment sometimes sends two, which costs nothing to accept.
    static func fields(_ text: Substring) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// Fields of a whole string.
    static func fields(_ text: String) -> [Substring] {
        fields(text[...])
    }

    /// The text without leading and trailing SP and HTAB.
    static func trimmed(_ text: Substring) -> Substring {
        var result = text
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }

    /// Splits `text` at the first `separator`: the part before and the part after (`nil` when
    /// the separator is absent).
    static func splitOnce(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
        guard let position = text.firstIndex(of: separator) else { return (text, nil) }
        return (text[..<position], text[text.index(after: position)...])
    }

    /// The bytes as text; invalid UTF-8 becomes U+FFFD rather than failing (RFC 8866 section 5
    /// allows other charsets in some fields, and a diagnostics tool must show them anyway).
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// A positive decimal number such as `20` or `22.5` (RFC 8866 section 6.4 `ptime`), or `nil`.
    /// Only digits and one dot: `Double(_:)` alone would also take `inf`, `nan` and exponents.
    static func positiveNumber(_ value: String) -> Double? {
        let text = trimmed(value[...])
        guard !text.isEmpty, text.utf8.count <= 20,
            text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }),
            let number = Double(text), number > 0
        else { return nil }
        return number
    }
}
