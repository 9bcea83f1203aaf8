import Foundation
import SIPAnalysis
import SIPCapture
import SIPMessage
import Testing

@testable import SIPReport

@Suite struct SVGLadderRendererTests {
    let simple = LadderLayout(calls: RenderFixtures.simpleCall())
    let hostile = LadderLayout(calls: RenderFixtures.hostileCall(), options: RenderFixtures.hostileOptions)

    func arrows(_ root: ParsedXML) -> [ParsedXML] {
        root.elements("g").filter { $0.attributes["class"]?.hasPrefix("msg ") == true }
    }

    @Test func documentIsSVG11WithSizeAndViewBox() throws {
        let svg = SVGLadderRenderer().render(simple)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg "))
        let root = try #require(ParsedXML.parse(svg))
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["version"] == "1.1")
        // Two lanes 182 apart (the 17-character lane titles at 9 units, plus 28, rounded up to
        // even) after the 104-unit time column.
        #expect(root.attributes["width"] == "468")
        #expect(root.attributes["viewBox"] == "0 0 468 \(root.attributes["height"] ?? "")")
        #expect(root.children.first?.name == "title")
        #expect(root.children.first?.text == "SIP ladder: simple@test")
    }

    @Test func oneGroupPerRowWithIDClassLabelDetailAndTimes() throws {
        let root = try #require(ParsedXML.parse(SVGLadderRenderer().render(simple)))
        let groups = arrows(root)
        #expect(groups.map { $0.attributes["id"] ?? "" } == ["msg-1", "msg-2", "msg-3", "msg-4", "msg-5"])
        #expect(
            groups.map { $0.attributes["class"] ?? "" } == [
                "msg request", "msg provisional", "msg provisional", "msg success", "msg request",
            ]
        )
        let texts = groups.map { $0.elements("text").map(\.text) }
        #expect(texts[0] == ["0.000", "+0.000", "INVITE (SDP)", "CSeq 1 INVITE"])
        #expect(texts[1] == ["0.012", "+0.012", "100 Trying", "CSeq 1 INVITE"])
        #expect(texts[3] == ["3.250", "+3.000", "200 OK (SDP)", "CSeq 1 INVITE"])
        #expect(texts[4] == ["3.260", "+0.010", "ACK", "CSeq 1 ACK"])
        #expect(groups[0].children.first?.text == "#1 INVITE (SDP)\nCSeq 1 INVITE\nt=0.000 s (+0.000 s)")
        // Requests point right (caller is lane 0 at x 195, callee lane 1 at x 377); the first row is
        // 40 below the 34-high headers that start at 12.
        let line = try #require(groups[0].elements("line").first)
        #expect(line.attributes["x1"] == "195" && line.attributes["x2"] == "368")
        #expect(groups[0].elements("polygon").first?.attributes["points"] == "376,86 366,81 366,91")
        #expect(groups[0].elements("line").first?.attributes["stroke"] == "#0550ae")
        #expect(groups[3].elements("line").first?.attributes["stroke"] == "#1a7f37")
    }

    @Test func lanesShowTitleAndTheAddressUnderAnAlias() throws {
        let root = try #require(ParsedXML.parse(SVGLadderRenderer().render(hostile)))
        let lanes = root.elements("g").filter { $0.attributes["class"] == "lane" }
        #expect(lanes.count == 4)
        #expect(lanes[0].elements("text").map(\.text) == ["Alice <phone> & \"desk\"", "192.0.2.10:5060"])
        #expect(lanes[2].elements("text").map(\.text) == ["203.0.113.20:5080"])
        #expect(lanes[0].elements("title").first?.text == "Alice <phone> & \"desk\" (192.0.2.10:5060)")
    }

    @Test func retransmissionsAreDashedAndLoopsDrawnForMessagesToSelf() throws {
        let root = try #require(ParsedXML.parse(SVGLadderRenderer().render(hostile)))
        let groups = arrows(root)
        let retransmitted = groups.filter { $0.attributes["class"]?.hasSuffix(" retransmission") == true }
        #expect(retransmitted.map { $0.attributes["id"] ?? "" } == ["msg-8"])
        #expect(retransmitted.first?.elements("line").first?.attributes["stroke-dasharray"] == "6 4")
        #expect(
            groups.filter { $0.attributes["class"] == "msg request" }.allSatisfy {
                $0.elements("line").first?.attributes["stroke-dasharray"] == nil
            }
        )
        let info = try #require(root.element(id: "msg-14"))
        #expect(info.elements("line").isEmpty)
        #expect(info.elements("path").count == 1)
        #expect(info.elements("text").map(\.text).suffix(2) == ["INFO", "CSeq 2 INFO"])
    }

    @Test func longLabelsAreCutWithAnEllipsisAndKeptWholeInTheTooltip() throws {
        let root = try #require(ParsedXML.parse(SVGLadderRenderer().render(hostile)))
        let group = try #require(root.element(id: "msg-6"))
        let label = try #require(group.elements("text").first { $0.attributes["class"] == "label" })
        #expect(label.text.hasPrefix("183 Session Progress <script>alert(\"x\")</script> & --> @enduml"))
        #expect(label.text.hasSuffix("\u{2026}"))
        // The arrow spans two gaps of the maximum 360 units, less 20 of margin: 700 units of 8.
        #expect(label.text.unicodeScalars.count == 87)
        let tooltip = try #require(group.children.first { $0.name == "title" })
        #expect(tooltip.text.contains("cannot fit in any lane gap at all"))
        // Control characters and bidirectional overrides are shown, not obeyed.
        #expect(tooltip.text.contains("\u{FFFD}desrever\u{FFFD} \u{241B}[31m"))
        #expect(root.attributes["width"] == "\(104 + 4 * 360)")
    }

    @Test func laneGapGrowsWithTheLongestLabelUpToALimit() {
        #expect(SVGLadderRenderer.Geometry(LadderLayout(calls: [])).gap == SVGLadderRenderer.minimumGap)
        #expect(SVGLadderRenderer.Geometry(simple).gap == 182)
        var calls = RenderFixtures.simpleCall()
        if case .response(let code, _) = calls[0].messages[2].startLine {
            calls[0].messages[2].startLine = .response(
                statusCode: code,
                reasonPhrase: "Ringing and ringing and ringing still"
            )
        }
        // "180 Ringing and ringing and ringing still" is 41 characters of 8 units, plus 24.
        #expect(SVGLadderRenderer.Geometry(LadderLayout(calls: calls)).gap == 352)
        #expect(SVGLadderRenderer.Geometry(hostile).gap == SVGLadderRenderer.maximumGap)
    }

    @Test func coloursPassWCAGAAContrastOnWhite() {
        let colours =
            [LadderLayout.Style.request, .provisional, .success, .redirect, .failure].map(
                SVGLadderRenderer.color(of:)
            ) + [SVGLadderRenderer.secondaryTextColor]
        #expect(Set(colours).count == colours.count)
        for colour in colours {
            #expect(Self.contrastOnWhite(colour) >= 4.5, "\(colour)")
        }
    }

    /// WCAG 2.1 relative luminance and contrast ratio against #ffffff.
    static func contrastOnWhite(_ hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        func channel(_ offset: Int) -> Double {
            let value = Double(Int(String(digits[offset..<offset + 2]), radix: 16) ?? 0) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
        return 1.05 / (luminance + 0.05)
    }

    @Test func linksWrapArrowsWhenAskedAndIDsTakeThePrefix() throws {
        let renderer = SVGLadderRenderer(options: .init(idPrefix: "ladder-msg-", linkPrefix: "msg-"))
        let svg = renderer.element(simple)
        #expect(svg.hasPrefix("<svg "))
        let root = try #require(ParsedXML.parse(svg))
        let links = root.elements("a")
        #expect(links.map { $0.attributes["xlink:href"] ?? "" } == (1...5).map { "#msg-\($0)" })
        #expect(links.map { $0.children.first?.attributes["id"] ?? "" } == (1...5).map { "ladder-msg-\($0)" })
    }

    @Test func hostileTextIsEscapedAndOutputIsDeterministic() throws {
        let svg = SVGLadderRenderer().render(hostile)
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("<phone>"))
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let root = try #require(ParsedXML.parse(svg))
        #expect(root.children.first?.text == "SIP ladder: " + RenderFixtures.hostileCallID)
        #expect(SVGLadderRenderer().render(hostile) == svg)
        // No external resources: only the SVG and XLink namespaces are URLs.
        #expect(SVGLadderRenderer().render(simple).components(separatedBy: "http").count == 3)
    }

    @Test func emptyLayoutStillGivesAValidDocument() throws {
        let root = try #require(ParsedXML.parse(SVGLadderRenderer().render(LadderLayout(calls: []))))
        #expect(root.name == "svg")
        #expect(arrows(root).isEmpty)
    }
}
