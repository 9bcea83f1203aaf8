import SIPAnalysis

/// Writes a ``LadderLayout`` as a Mermaid `sequenceDiagram` (Mermaid documentation, "Sequence
/// diagrams"): one `participant Ln as NAME` per lane, then one message line per row, requests
/// `->>` (solid), responses `-->>` (dotted), retransmissions with the open async arrows `-)` and
/// `--)`.
///
/// Text comes from the capture, so it is never trusted to the grammar: participants are
/// referred to by the safe ids `L0`, `L1`, ...; in names and labels every character but
/// letters, digits, space and `.,()_/+=` becomes an entity code `#NNN;` (the documentation's
/// "Entity codes to escape characters": numbers in base 10, `#35;` for `#`). That keeps out the
/// statement separator `;`, the comment marker `%%`, the `#` that starts an entity, the colon
/// of message text (and so Mermaid's `style ...:` rewriting), arrows in names and HTML markup;
/// line breaks become spaces. Same layout, same bytes.
public struct MermaidRenderer: Sendable {
    /// The renderer has no options.
    public init() {}

    /// The diagram text, ending with a line feed.
    public func render(_ layout: LadderLayout) -> String {
        var out = "sequenceDiagram\n"
        for (position, lane) in layout.lanes.enumerated() {
            let name = lane.isAliased ? lane.title + " (" + lane.address + ")" : lane.title
            out += "    participant L\(position) as " + Self.text(name) + "\n"
        }
        for row in layout.rows {
            let isResponse = row.message.statusCode != nil
            let arrow =
                row.message.isRetransmission ? (isResponse ? "--)" : "-)") : (isResponse ? "-->>" : "->>")
            var label = row.label
            if row.message.isRetransmission { label += " (retransmission)" }
            out += "    L\(row.from)\(arrow)L\(row.to): " + Self.text(label) + "\n"
        }
        return out
    }

    /// `text` as Mermaid sequence-diagram text: safe characters kept, everything else as an entity
    /// code, control characters and line breaks as spaces, runs of spaces collapsed, trimmed.
    /// Never empty (a message needs text after its colon).
    public static func text(_ text: String) -> String {
        let encoded = DiagramText.encoded(text, safe: ".,()_/+=") { "#\($0);" }
        return encoded.isEmpty ? "#32;" : encoded
    }
}
