/// Text for the diagram languages (Mermaid, PlantUML), whose grammars have no general quoting:
/// characters outside a small safe set are written as character references, which both
/// languages decode only after parsing.
enum DiagramText {
    /// `text` on one line: `safe` ASCII characters, letters and digits kept, every other
    /// character passed to `reference`; control characters, line and paragraph separators and
    /// tabs become spaces, runs of spaces one space, no space at either end. Bidirectional
    /// controls (Unicode TR 9), which would reorder the text shown, become U+FFFD first.
    static func encoded(_ text: String, safe: String, reference: (UInt32) -> String) -> String {
        var out = ""
        var pendingSpace = false
        let safeScalars = Set(safe.unicodeScalars)
        for original in text.unicodeScalars {
            let scalar: Unicode.Scalar =
                switch original.value {
                case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: "\u{FFFD}"
                default: original
                }
            if scalar == " " || scalar.properties.generalCategory == .control || scalar == "\u{2028}"
                || scalar == "\u{2029}"
            {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out += " "
                pendingSpace = false
            }
            let isWordCharacter =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            if isWordCharacter || safeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += reference(scalar.value)
            }
        }
        return out
    }
}
