import SIPAnalysis

/// Writes a ``LadderLayout`` as a PlantUML sequence diagram (PlantUML Language Reference,
/// "Sequence Diagram"): `@startuml`, one `participant "NAME" as Ln` per lane, one message line
/// per row (`->` requests, `-->` responses, coloured by ``LadderLayout/Style`` with the
/// `-[#rrggbb]>` notation; retransmissions use the thin arrow heads `->>` / `-->>`), `@enduml`.
///
/// Text comes from the capture, so it is never trusted to the grammar: participants are referred
/// to by the safe ids `L0`, `L1`, ...; in names, labels and the title every character but letters,
/// digits, space and `.,():` becomes the special-character form `<U+XXXX>` (PlantUML "Unicode":
/// "Special characters using &#XXXX; or <U+XXXX> form"; the `&#NNN;` form is not used because
/// PlantUML 1.2020 feeds its result to a regular-expression replacement, and `&#92;` or `&#36;`
/// make it throw). That keeps out `@enduml` (and any `@start`/`@end`),
/// preprocessor `!`, `%` and `$`, comments `'`, Creole markup (`**`, `//`, `--`, `__`, `""`,
/// `~`), HTML-like tags, `[[links]]`, the `\n` line-break escape and quotes; line breaks become
/// spaces. Same layout, same bytes.
public struct PlantUMLRenderer: Sendable {
    /// The renderer has no options.
    public init() {}

    /// The diagram text from `@startuml` to `@enduml`, ending with a line feed; the title names
    /// the Call-IDs.
    public func render(_ layout: LadderLayout) -> String {
        var out = "@startuml\n"
        if !layout.calls.isEmpty { out += "title " + Self.text("Call-ID " + layout.title) + "\n" }
        for (position, lane) in layout.lanes.enumerated() {
            let name = lane.isAliased ? lane.title + " (" + lane.address + ")" : lane.title
            out += "participant \"" + Self.text(name) + "\" as L\(position)\n"
        }
        for row in layout.rows {
            let color = SVGLadderRenderer.color(of: row.style)
            let isResponse = row.message.statusCode != nil
            let head = row.message.isRetransmission ? ">>" : ">"
            let arrow = "-[" + color + "]" + (isResponse ? "-" : "") + head
            var label = row.label
            if row.message.isRetransmission { label += " (retransmission)" }
            out += "L\(row.from) " + arrow + " L\(row.to) : " + Self.text(label) + "\n"
        }
        return out + "@enduml\n"
    }

    /// `text` as PlantUML display text: safe characters kept, everything else as `<U+XXXX>`
    /// (hexadecimal, at least four digits), control characters and line breaks as spaces, runs of
    /// spaces collapsed, trimmed.
    public static func text(_ text: String) -> String {
        DiagramText.encoded(text, safe: ".,():") { value in
            let hex = String(value, radix: 16, uppercase: true)
            return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
        }
    }
}
