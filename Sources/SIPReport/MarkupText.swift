/// Text for XML and HTML output (SVG 1.1 and HTML5 documents), where everything comes from a
/// capture and is hostile: a reason phrase or a Call-ID may hold markup, quotes, control
/// characters or bidirectional overrides.
enum MarkupText {
    /// `text` escaped for element content and for double- or single-quoted attribute values
    /// (XML 1.0 section 2.4; HTML5 "escaping a string"), with ``cleaned(_:keepingLines:)`` applied.
    static func escaped(_ text: String, keepingLines: Bool = false) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in cleaned(text, keepingLines: keepingLines).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            // `&apos;` is not an HTML 4 entity; the numeric reference works in both languages.
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` with what XML 1.0 forbids (section 2.2: C0 controls but tab, line feed and carriage
    /// return; U+FFFE, U+FFFF) and what misleads a reader (C1 controls, bidirectional overrides
    /// that reorder the text shown, Unicode TR 9) replaced by visible stand-ins: the control
    /// pictures U+2400... for C0 and DEL, U+FFFD for the rest. Line breaks become spaces unless
    /// `keepingLines`, where CR LF becomes LF and a lone CR its picture.
    static func cleaned(_ text: String, keepingLines: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (position, scalar) in scalars.enumerated() {
            let value = scalar.value
            switch value {
            case 0x0A:
                result.append(keepingLines ? scalar : " ")
            case 0x0D:
                let next = position + 1 < scalars.count ? scalars[position + 1] : nil
                if !keepingLines {
                    if next != "\n" { result.append(" ") }
                } else if next != "\n" {
                    result.append(picture(of: value))
                }
            case 0x09:
                result.append(keepingLines ? scalar : " ")
            case 0x00...0x1F, 0x7F:
                result.append(picture(of: value))
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF:
                result.append("\u{FFFD}")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The Control Pictures block symbol of a C0 control or DEL (`␀`, `␛`, `␡`).
    private static func picture(of value: UInt32) -> Unicode.Scalar {
        let code: UInt32 = value == 0x7F ? 0x2421 : 0x2400 + value
        return Unicode.Scalar(code) ?? "\u{FFFD}"
    }

    /// `text` cut to `limit` scalars, the last one an ellipsis when cut (widths are estimated per
    /// scalar, as ``TextCell`` does for terminals).
    static func truncated(_ text: String, to limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        guard limit > 1 else { return "\u{2026}" }
        var result = String.UnicodeScalarView(scalars.prefix(limit - 1))
        while let last = result.last, last == " " { result.removeLast() }
        result.append("\u{2026}")
        return String(result)
    }

    /// The payload as text: UTF-8 decoded leniently (invalid bytes become U+FFFD, as WHATWG's
    /// "UTF-8 decode" does), so a message with a binary body still shows its headers.
    static func decoded(_ payload: [UInt8]) -> String {
        String(decoding: payload, as: UTF8.self)
    }

    /// Milliseconds as seconds with `fractionDigits` decimals (3: `12.345`, rounded to the
    /// millisecond; 6: `12.345678`, to the microsecond); with `signed`, a leading `+` for values
    /// that are not negative (`+0.120`).
    static func seconds(_ milliseconds: Double, signed: Bool = false, fractionDigits: Int = 3) -> String {
        let digits = min(max(fractionDigits, 3), 9)
        var unitsPerSecond: Int64 = 1
        for _ in 0..<digits { unitsPerSecond *= 10 }
        let units = milliseconds * Double(unitsPerSecond) / 1000
        guard units.isFinite, abs(units) < 9e15 else { return "?" }
        let scaled = Int64(units.rounded())
        let magnitude = scaled.magnitude
        let fraction = String(magnitude % UInt64(unitsPerSecond))
        let sign = scaled < 0 ? "-" : (signed ? "+" : "")
        return sign + String(magnitude / UInt64(unitsPerSecond)) + "."
            + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
