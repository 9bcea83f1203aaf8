/// Plain-text layout helpers shared by the table and ladder renderers: widths are counted in
/// Unicode scalars, which is what a terminal shows for the ASCII and Latin text SIP carries.
package enum TextCell {
    /// The display width of `text` (one column per scalar; combining marks are rare in SIP).
    static func width(_ text: String) -> Int { text.unicodeScalars.count }

    /// `text` cut to `limit` columns with `..` marking the cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard width(text) > limit, limit > 2 else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit - 2))) + ".."
    }

    static func padded(_ text: String, to columns: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, columns - width(text)))
        return right ? padding + text : text + padding
    }

    /// Columns separated by two spaces, each as wide as its widest cell; no trailing spaces.
    package static func table(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map(width)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], width(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { column, cell in
                padded(cell, to: widths[column], right: rightAligned.contains(column))
            }.joined(separator: "  ")
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
