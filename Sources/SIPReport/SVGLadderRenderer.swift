import SIPAnalysis

/// Draws a ``LadderLayout`` as an SVG 1.1 document (W3C SVG 1.1 Second Edition): lane headers,
/// lifelines, one arrow per row with its label above and its detail below, and a time column.
///
/// Every arrow is a group `<g id="msg-N" class="msg STYLE">` (N is ``CallMessage/index``; STYLE
/// is a ``LadderLayout/Style`` raw value, plus `retransmission` for retransmissions) holding a
/// `<title>` with the full text (SVG 1.1 section 5.4: shown as a tooltip), so a page can link to
/// or script each message. Text widths are estimated, not measured (no fonts are read): the
/// labels use a monospace system font, whose advance is 0.6 em in the common ones (Menlo,
/// Consolas, DejaVu Sans Mono, Liberation Mono), and whatever does not fit its gap is cut with
/// an ellipsis. Colours meet WCAG 2.1 AA contrast (4.5:1) on white. Same layout, same bytes.
public struct SVGLadderRenderer: Sendable {
    /// How the SVG is embedded.
    public struct Options: Hashable, Sendable {
        /// Prefix of each arrow group's id (`msg-` gives `msg-7`). An HTML page holding the SVG
        /// and its own `msg-7` anchors uses another prefix, as ids must be unique in a document.
        public var idPrefix: String
        /// When set, each arrow is wrapped in `<a xlink:href="#PREFIXN">` (SVG 1.1 section
        /// 17.1), so clicking it follows the link even without scripts.
        public var linkPrefix: String?

        /// Standalone defaults: ids `msg-N`, no links.
        public init(idPrefix: String = "msg-", linkPrefix: String? = nil) {
            self.idPrefix = idPrefix
            self.linkPrefix = linkPrefix
        }
    }

    /// How the SVG is embedded.
    public var options: Options

    /// A renderer with `options` (standalone by default).
    public init(options: Options = Options()) {
        self.options = options
    }

    /// The colour of arrows and labels of a style: each has at least 4.5:1 contrast on white
    /// (WCAG 2.1 success criterion 1.4.3, level AA).
    public static func color(of style: LadderLayout.Style) -> String {
        switch style {
        case .request: "#0550ae"
        case .provisional: "#6639ba"
        case .success: "#1a7f37"
        case .redirect: "#8a5a00"
        case .failure: "#cf222e"
        }
    }

    /// Secondary text (details, addresses, times): 6.4:1 on white.
    public static let secondaryTextColor = "#57606a"

    /// System font stacks only: nothing is fetched.
    static let sansFonts =
        "system-ui, -apple-system, &#39;Segoe UI&#39;, Roboto, &#39;Helvetica Neue&#39;, Arial, sans-serif"
    static let monoFonts =
        "ui-monospace, SFMono-Regular, Menlo, Consolas, &#39;DejaVu Sans Mono&#39;, &#39;Liberation Mono&#39;, monospace"

    // Geometry, in user units (CSS pixels at scale 1).
    static let labelSize = 13
    static let detailSize = 11
    /// Estimated advance per character: 0.6 em of a monospace font, rounded up.
    static let labelAdvance = 8.0
    static let detailAdvance = 6.7
    /// Bold proportional capitals can be wider than monospace: be generous for lane titles.
    static let titleAdvance = 9.0
    static let minimumGap = 180
    static let maximumGap = 360
    static let timeColumn = 104
    static let top = 12
    static let rowPitch = 50
    static let loopWidth = 34

    /// The complete document: XML declaration, then the `<svg>` element.
    public func render(_ layout: LadderLayout) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + element(layout)
    }

    /// The `<svg>` element alone, for embedding in HTML (HTML5 "SVG" embedded content).
    public func element(_ layout: LadderLayout) -> String {
        let geometry = Geometry(layout)
        var out = ""
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
        out += "version=\"1.1\" width=\"\(geometry.width)\" height=\"\(geometry.height)\" "
        out += "viewBox=\"0 0 \(geometry.width) \(geometry.height)\" class=\"ladder\">\n"
        out += "<title>" + MarkupText.escaped("SIP ladder: " + layout.title) + "</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(geometry.width)\" height=\"\(geometry.height)\" fill=\"#ffffff\"/>\n"
        out += "<g font-family=\"\(Self.monoFonts)\" font-size=\"\(Self.labelSize)\">\n"
        out += header(layout, geometry)
        for (position, row) in layout.rows.enumerated() {
            out += arrow(row, y: geometry.rowY(position), geometry)
        }
        out += "</g>\n</svg>\n"
        return out
    }

    // MARK: - Parts

    private func header(_ layout: LadderLayout, _ geometry: Geometry) -> String {
        let secondary = Self.secondaryTextColor
        var out = "<g class=\"lanes\">\n"
        out += "<text x=\"12\" y=\"\(Self.top + 18)\" font-size=\"\(Self.detailSize)\" fill=\"\(secondary)\">"
        out += "time (s)</text>\n"
        out += "<text x=\"12\" y=\"\(Self.top + 32)\" font-size=\"\(Self.detailSize)\" fill=\"\(secondary)\">"
        out += "+delta</text>\n"
        let boxWidth = geometry.gap - 16
        for (position, lane) in layout.lanes.enumerated() {
            let x = geometry.laneX(position)
            out += "<g class=\"lane\">\n<title>" + MarkupText.escaped(laneTooltip(lane)) + "</title>\n"
            out += "<line x1=\"\(x)\" y1=\"\(geometry.headerBottom)\" x2=\"\(x)\" y2=\"\(geometry.height - 12)\" "
            out += "stroke=\"#8c959f\" stroke-width=\"1\"/>\n"
            out += "<rect x=\"\(x - boxWidth / 2)\" y=\"\(Self.top)\" width=\"\(boxWidth)\" "
            out += "height=\"\(geometry.headerHeight)\" rx=\"4\" fill=\"#f6f8fa\" stroke=\"#57606a\"/>\n"
            let titleLimit = Int(Double(boxWidth - 12) / Self.titleAdvance)
            out += "<text x=\"\(x)\" y=\"\(Self.top + 22)\" text-anchor=\"middle\" font-family=\"\(Self.sansFonts)\" "
            out += "font-weight=\"bold\" fill=\"#1f2328\">"
            out += MarkupText.escaped(MarkupText.truncated(MarkupText.cleaned(lane.title), to: titleLimit))
            out += "</text>\n"
            if lane.isAliased {
                let addressLimit = Int(Double(boxWidth - 12) / Self.detailAdvance)
                out += "<text x=\"\(x)\" y=\"\(Self.top + 38)\" text-anchor=\"middle\" "
                out += "font-size=\"\(Self.detailSize)\" fill=\"\(secondary)\">"
                out += MarkupText.escaped(MarkupText.truncated(MarkupText.cleaned(lane.address), to: addressLimit))
                out += "</text>\n"
            }
            out += "</g>\n"
        }
        return out + "</g>\n"
    }

    private func laneTooltip(_ lane: LadderLayout.Lane) -> String {
        lane.isAliased ? lane.title + " (" + lane.address + ")" : lane.title
    }

    private func arrow(_ row: LadderLayout.Row, y: Int, _ geometry: Geometry) -> String {
        let color = Self.color(of: row.style)
        let secondary = Self.secondaryTextColor
        let index = row.message.index
        var classes = "msg " + row.style.rawValue
        if row.message.isRetransmission { classes += " retransmission" }
        var out = ""
        if let linkPrefix = options.linkPrefix {
            out += "<a xlink:href=\"#" + MarkupText.escaped(linkPrefix) + "\(index)\">\n"
        }
        out += "<g id=\"" + MarkupText.escaped(options.idPrefix) + "\(index)\" class=\"\(classes)\">\n"
        out += "<title>" + MarkupText.escaped(tooltip(row, geometry), keepingLines: true) + "</title>\n"
        // An invisible band over the whole row, so the arrow is easy to point at and click.
        out += "<rect class=\"hit\" x=\"0\" y=\"\(y - Self.rowPitch / 2)\" width=\"\(geometry.width)\" "
        out += "height=\"\(Self.rowPitch)\" fill=\"#0969da\" fill-opacity=\"0\"/>\n"
        out += "<text x=\"12\" y=\"\(y - 3)\" font-size=\"\(Self.detailSize)\" fill=\"#1f2328\">"
        out += MarkupText.seconds(row.sinceStartMs) + "</text>\n"
        out += "<text x=\"12\" y=\"\(y + 11)\" font-size=\"\(Self.detailSize)\" fill=\"\(secondary)\">"
        out += MarkupText.seconds(row.sincePreviousMs, signed: true) + "</text>\n"
        let dash = row.message.isRetransmission ? " stroke-dasharray=\"6 4\"" : ""
        let from = geometry.laneX(row.from)
        let to = geometry.laneX(row.to)
        let label = MarkupText.cleaned(row.label)
        let detail = MarkupText.cleaned(row.detail)
        if row.from == row.to {
            // A message to itself: a loop out to the right and back, text beside it.
            let right = from + Self.loopWidth
            out += "<path d=\"M\(from) \(y - 9) H\(right) V\(y + 9) H\(from + 9)\" fill=\"none\" "
            out += "stroke=\"\(color)\" stroke-width=\"1.5\"\(dash)/>\n"
            out +=
                "<polygon points=\"\(from),\(y + 9) \(from + 9),\(y + 5) \(from + 9),\(y + 13)\" fill=\"\(color)\"/>\n"
            let room = geometry.gap - Self.loopWidth - 24
            out += text(label, x: right + 8, y: y - 3, anchor: "start", room: room, detail: false, color: color)
            out += text(detail, x: right + 8, y: y + 12, anchor: "start", room: room, detail: true, color: secondary)
        } else {
            let direction = to > from ? 1 : -1
            let tip = to - direction
            out += "<line x1=\"\(from)\" y1=\"\(y)\" x2=\"\(tip - direction * 8)\" y2=\"\(y)\" "
            out += "stroke=\"\(color)\" stroke-width=\"1.5\"\(dash)/>\n"
            let back = tip - direction * 10
            out += "<polygon points=\"\(tip),\(y) \(back),\(y - 5) \(back),\(y + 5)\" fill=\"\(color)\"/>\n"
            let middle = (from + to) / 2
            let room = abs(to - from) - 20
            // Over more than one gap the text crosses lifelines: a white band keeps it legible.
            let backed = abs(row.to - row.from) > 1
            out += text(
                label,
                x: middle,
                y: y - 6,
                anchor: "middle",
                room: room,
                detail: false,
                color: color,
                backed: backed
            )
            out += text(
                detail,
                x: middle,
                y: y + 15,
                anchor: "middle",
                room: room,
                detail: true,
                color: secondary,
                backed: backed
            )
        }
        out += "</g>\n"
        if options.linkPrefix != nil { out += "</a>\n" }
        return out
    }

    /// One line of text cut to fit `room` units.
    private func text(
        _ value: String,
        x: Int,
        y: Int,
        anchor: String,
        room: Int,
        detail: Bool,
        color: String,
        backed: Bool = false
    ) -> String {
        guard !value.isEmpty else { return "" }
        let advance = detail ? Self.detailAdvance : Self.labelAdvance
        let shown = MarkupText.truncated(value, to: max(1, Int(Double(room) / advance)))
        var out = ""
        if backed {
            let width = Int((Double(shown.unicodeScalars.count) * advance).rounded(.up)) + 8
            let height = detail ? 14 : 17
            out += "<rect x=\"\(x - width / 2)\" y=\"\(y - height + 4)\" width=\"\(width)\" height=\"\(height)\" "
            out += "fill=\"#ffffff\"/>\n"
        }
        out += "<text x=\"\(x)\" y=\"\(y)\" text-anchor=\"\(anchor)\" fill=\"\(color)\""
        out += detail ? " font-size=\"\(Self.detailSize)\" class=\"detail\">" : " class=\"label\">"
        return out + MarkupText.escaped(shown) + "</text>\n"
    }

    private func tooltip(_ row: LadderLayout.Row, _ geometry: Geometry) -> String {
        // Each line cleaned on its own, so only the separators below break lines.
        var lines = ["#\(row.message.index) " + MarkupText.cleaned(row.label)]
        if !row.detail.isEmpty { lines.append(MarkupText.cleaned(row.detail)) }
        lines.append(
            "t=" + MarkupText.seconds(row.sinceStartMs) + " s (" + MarkupText.seconds(row.sincePreviousMs, signed: true)
                + " s)"
        )
        if geometry.callCount > 1 { lines.append("Call-ID " + MarkupText.cleaned(row.callID)) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Geometry

    /// Where lanes and rows go: the lane gap grows with the longest label (up to a limit) so that
    /// most labels are shown whole.
    struct Geometry {
        let gap: Int
        let laneCount: Int
        let rowCount: Int
        let headerHeight: Int
        let callCount: Int
        /// Room right of the last lane for a loop drawn there.
        let rightExtra: Int

        init(_ layout: LadderLayout) {
            var wanted = Double(SVGLadderRenderer.minimumGap)
            for row in layout.rows {
                let labelWidth = Double(row.label.unicodeScalars.count) * SVGLadderRenderer.labelAdvance
                let detailWidth = Double(row.detail.unicodeScalars.count) * SVGLadderRenderer.detailAdvance
                let widest = max(labelWidth, detailWidth)
                if row.from == row.to {
                    wanted = max(wanted, widest + Double(SVGLadderRenderer.loopWidth + 24))
                } else {
                    wanted = max(wanted, (widest + 24) / Double(max(1, abs(row.to - row.from))))
                }
            }
            for lane in layout.lanes {
                let title = Double(lane.title.unicodeScalars.count) * SVGLadderRenderer.titleAdvance
                let address = Double(lane.address.unicodeScalars.count) * SVGLadderRenderer.detailAdvance
                wanted = max(wanted, max(title, lane.isAliased ? address : 0) + 28)
            }
            let rounded = Int(wanted.rounded(.up))
            gap = min(SVGLadderRenderer.maximumGap, max(SVGLadderRenderer.minimumGap, rounded + rounded % 2))
            laneCount = layout.lanes.count
            rowCount = layout.rows.count
            headerHeight = layout.lanes.contains(where: \.isAliased) ? 48 : 34
            callCount = layout.calls.count
            let last = layout.lanes.count - 1
            rightExtra = layout.rows.contains { $0.from == last && $0.to == last } ? gap / 2 : 0
        }

        var headerBottom: Int { SVGLadderRenderer.top + headerHeight }

        func laneX(_ lane: Int) -> Int { SVGLadderRenderer.timeColumn + gap / 2 + lane * gap }

        func rowY(_ row: Int) -> Int { headerBottom + 40 + row * SVGLadderRenderer.rowPitch }

        var width: Int { SVGLadderRenderer.timeColumn + max(1, laneCount) * gap + rightExtra }

        var height: Int { rowY(max(0, rowCount - 1)) + 40 }
    }
}
