import SIPAnalysis

/// The ladder for a terminal or a ticket, in the manner of sngrep's call flow: lanes as vertical
/// lines, two lines per message (the label, then the arrow), and on the left the time since the
/// first message and since the previous one, in seconds to the microsecond.
///
/// ```
///               127.0.0.10:5070      127.0.0.20:5060
///                      │                    │
///  0.000000 +0.000000 │    INVITE (SDP)    │
///                      │───────────────────▶│
/// ```
public struct TextLadderRenderer: Sendable {
    /// The most columns to use; labels are shortened (with `..`) to fit. `nil`: as wide as the
    /// labels need (up to ``maximumGap`` between lanes).
    public var width: Int?
    /// Plain ASCII (`|`, `-`, `>`) instead of Unicode box drawing.
    public var ascii: Bool
    /// ANSI colours by response class (only for a terminal that wants them; see `NO_COLOR`).
    public var color: Bool

    /// Narrowest and widest gap between two lanes.
    static let minimumGap = 12
    static let maximumGap = 48

    public init(width: Int? = nil, ascii: Bool = false, color: Bool = false) {
        self.width = width
        self.ascii = ascii
        self.color = color
    }

    public func render(_ layout: LadderLayout) -> String {
        guard !layout.lanes.isEmpty else { return "(no messages)\n" }
        let times = layout.rows.map { row in
            (
                MarkupText.seconds(row.sinceStartMs, fractionDigits: 6),
                MarkupText.seconds(row.sincePreviousMs, signed: true, fractionDigits: 6)
            )
        }
        let startWidth = times.map { TextCell.width($0.0) }.max() ?? 0
        let deltaWidth = times.map { TextCell.width($0.1) }.max() ?? 0
        let timeWidth = startWidth + 1 + deltaWidth
        let gap = laneGap(layout, timeWidth: timeWidth)
        // Lane centres; the first leaves room for half of its title (or address) on its left.
        let firstTitle = layout.lanes.first.map { lane in
            max(TextCell.width(lane.title), lane.isAliased ? TextCell.width(lane.address) : 0)
        }
        let firstCenter = timeWidth + 2 + min(gap - 1, firstTitle ?? 0) / 2 + 1
        let centers = layout.lanes.indices.map { firstCenter + $0 * gap }
        let lineWidth = (centers.last ?? 0) + gap / 2 + 1
        var lines: [String] = []
        var titles = Canvas(width: lineWidth)
        var addresses = Canvas(width: lineWidth)
        for (lane, center) in zip(layout.lanes, centers) {
            titles.write(TextCell.truncated(lane.title, to: gap - 1), centeredAt: center)
            if lane.isAliased { addresses.write(TextCell.truncated(lane.address, to: gap - 1), centeredAt: center) }
        }
        lines.append(titles.rendered(color: false))
        if layout.lanes.contains(where: \.isAliased) { lines.append(addresses.rendered(color: false)) }
        lines.append(laneLines(centers, width: lineWidth).rendered(color: false))
        for (row, time) in zip(layout.rows, times) {
            var label = laneLines(centers, width: lineWidth)
            var arrow = laneLines(centers, width: lineWidth)
            arrow.write(TextCell.padded(time.0, to: startWidth, right: true) + " " + time.1, at: 0, style: nil)
            let style = color ? Self.ansi(for: row) : nil
            draw(row, centers: centers, gap: gap, label: &label, arrow: &arrow, style: style)
            lines.append(label.rendered(color: color))
            lines.append(arrow.rendered(color: color))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Wide enough for the longest label, within ``minimumGap``...``maximumGap`` and the width.
    private func laneGap(_ layout: LadderLayout, timeWidth: Int) -> Int {
        let longest = layout.rows.map { TextCell.width(text(for: $0, room: .max)) }.max() ?? 0
        var gap = min(max(longest + 4, Self.minimumGap), Self.maximumGap)
        if let width, layout.lanes.count > 0 {
            let available = (width - timeWidth - 3) / layout.lanes.count
            gap = max(Self.minimumGap, min(gap, available))
        }
        return gap
    }

    /// The label, with the detail (CSeq, transport) when there is room.
    private func text(for row: LadderLayout.Row, room: Int) -> String {
        let full = row.detail.isEmpty ? row.label : row.label + "  " + row.detail
        if TextCell.width(full) <= room { return full }
        return TextCell.truncated(row.label, to: room)
    }

    private func draw(
        _ row: LadderLayout.Row,
        centers: [Int],
        gap: Int,
        label: inout Canvas,
        arrow: inout Canvas,
        style: String?
    ) {
        guard row.from < centers.count, row.to < centers.count else { return }
        let from = centers[row.from]
        let to = centers[row.to]
        let dashed = row.message.isRetransmission
        let line = ascii ? (dashed ? "~" : "-") : (dashed ? "┄" : "─")
        if from == to {
            // A message a host sends itself: a short loop to the right of its lane.
            label.write(text(for: row, room: gap - 3), at: from + 2, style: style)
            arrow.write(ascii ? "<-+" : "◀─┘", at: from + 1, style: style)
            return
        }
        let left = min(from, to)
        let right = max(from, to)
        let span = right - left - 1
        let body = String(repeating: line, count: max(span - 1, 0))
        let head = to > from ? (ascii ? ">" : "▶") : (ascii ? "<" : "◀")
        arrow.write(to > from ? body + head : head + body, at: left + 1, style: style)
        let caption = text(for: row, room: span - 1)
        label.write(caption, centeredAt: left + 1 + span / 2, style: style)
    }

    private func laneLines(_ centers: [Int], width: Int) -> Canvas {
        var canvas = Canvas(width: width)
        for center in centers { canvas.write(ascii ? "|" : "│", at: center, style: nil) }
        return canvas
    }

    /// SGR colours (ECMA-48 section 8.3.117): responses by class, retransmissions dimmed.
    static func ansi(for row: LadderLayout.Row) -> String {
        let base: String =
            switch row.style {
            case .request: "1"
            case .provisional: "33"
            case .success: "32"
            case .redirect: "36"
            case .failure: "31"
            }
        return row.message.isRetransmission ? base + ";2" : base
    }
}

/// One line of the ladder as cells, each with an optional colour, so that arrows, lane lines and
/// labels can be drawn over each other and coloured afterwards.
private struct Canvas {
    private var cells: [(scalar: Unicode.Scalar, style: String?)]

    init(width: Int) {
        cells = Array(repeating: (" ", nil), count: max(width, 0))
    }

    mutating func write(_ text: String, at column: Int, style: String? = nil) {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let position = column + offset
            guard position >= 0 else { continue }
            while position >= cells.count { cells.append((" ", nil)) }
            cells[position] = (scalar, style)
        }
    }

    mutating func write(_ text: String, centeredAt center: Int, style: String? = nil) {
        write(text, at: center - TextCell.width(text) / 2, style: style)
    }

    /// The line without trailing spaces; colours as SGR sequences when asked.
    func rendered(color: Bool) -> String {
        var end = cells.count
        while end > 0, cells[end - 1].scalar == " " { end -= 1 }
        var scalars = String.UnicodeScalarView()
        var current: String?
        for cell in cells[..<end] {
            if color, cell.style != current {
                scalars.append(contentsOf: "\u{1B}[0m".unicodeScalars)
                if let style = cell.style { scalars.append(contentsOf: "\u{1B}[\(style)m".unicodeScalars) }
                current = cell.style
            }
            scalars.append(cell.scalar)
        }
        if color, current != nil { scalars.append(contentsOf: "\u{1B}[0m".unicodeScalars) }
        return String(scalars)
    }
}
