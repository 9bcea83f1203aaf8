import Foundation
import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import SIPMessage
import Testing

@testable import SIPReport

@Suite struct HTMLReportRendererTests {
    let renderer = HTMLReportRenderer(source: "capture <1>.pcap", version: "1.2.3")
    let simple = LadderLayout(calls: RenderFixtures.simpleCall())

    func section(_ root: ParsedXML, _ id: String) throws -> ParsedXML {
        try #require(root.element(id: id))
    }

    @Test func pageIsOneWellFormedSelfContainedDocument() throws {
        let html = renderer.render(simple)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"))
        let root = try #require(ParsedXML.parse(html))
        #expect(root.name == "html")
        #expect(root.elements("title").first?.text == "SIP call report: simple@test")
        #expect(
            root.elements("section").map { $0.attributes["id"] ?? "" } == [
                "summary", "findings", "timing", "notes", "ladder", "messages",
            ]
        )
        // Nothing is fetched: no link, img, iframe, src or url(); the only URLs are namespaces.
        for name in ["link", "img", "iframe", "object", "embed"] { #expect(root.elements(name).isEmpty) }
        #expect(root.all.allSatisfy { $0.attributes["src"] == nil })
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(html.components(separatedBy: "http").count == 4)
        #expect(root.elements("script").count == 1)
        #expect(root.elements("style").count == 1)
        #expect(renderer.render(simple) == html)
    }

    @Test func summaryListsTheCallFacts() throws {
        let root = try #require(ParsedXML.parse(renderer.render(simple)))
        let facts = try section(root, "summary").elements("div").filter { $0.children.first?.name == "dt" }
        let pairs = facts.map { ($0.children[0].allText, $0.children.count > 1 ? $0.children[1].allText : "") }
        #expect(
            pairs.map(\.0) == [
                "Call-ID", "From", "To", "State", "Ended by", "Start (UTC)", "Messages", "Retransmissions", "Codec",
            ]
        )
        #expect(
            pairs.map(\.1) == [
                "simple@test", "Alice <sip:alice@example.com>", "sip:bob@example.com", "answered, 200 OK",
                "\u{2014}", "2023-11-14T22:13:20.000Z", "5", "0", "PCMU/8000",
            ]
        )
    }

    @Test func findingsSectionSaysWhenThereAreNone() throws {
        let root = try #require(ParsedXML.parse(renderer.render(simple)))
        #expect(try section(root, "findings").allText == "\nFindings\nNo findings.\n")
    }

    @Test func findingsAreListedWithSeverityCodeExplanationAndFix() throws {
        let findings = [
            Finding(
                code: "late-ack",
                severity: .warning,
                summary: "ACK after <2 s>",
                explanation: "Timer & more",
                fix: "Fix \"it\""
            ),
            Finding(
                code: "c",
                severity: .info,
                summary: "s",
                explanation: "e",
                evidence: [FindingEvidence(messageIndex: 2, time: CaptureTime(nanoseconds: 0), text: "INVITE <x>")]
            ),
        ]
        let root = try #require(ParsedXML.parse(renderer.render(simple, findings: findings)))
        // Findings are the list items with a class; the evidence items inside them have none.
        let items = try section(root, "findings").elements("li").filter { $0.attributes["class"] != nil }
        #expect(items.map { $0.attributes["class"] ?? "" } == ["finding severity-warning", "finding severity-info"])
        #expect(
            items[0].elements("p").map(\.allText) == [
                "warning late-ack ACK after <2 s>", "Timer & more", "Fix: Fix \"it\"",
            ]
        )
        #expect(items[1].elements("p").count == 2)
        #expect(
            items[1].elements("li").filter { $0.attributes["class"] == nil }.map(\.allText) == [
                "message 3 at 1970-01-01T00:00:00.000000Z: INVITE <x>"
            ]
        )
        #expect(items[1].elements("span").first?.text == "info")
    }

    @Test func timingTableAndNotesComeFromTheCall() throws {
        let root = try #require(ParsedXML.parse(renderer.render(simple)))
        let rows = try section(root, "timing").elements("tbody").first?.elements("tr") ?? []
        let expected = TimingSummary(RenderFixtures.simpleCall()[0].metrics).rows
        #expect(!expected.isEmpty)
        #expect(
            rows.map { $0.elements("td").map(\.allText) } == expected.map { [$0.name, $0.formatted, $0.definition] }
        )
        #expect(rows.first?.elements("td").map(\.allText) == ["trying", "12 ms", expected[0].definition])
        let notes = try section(root, "notes")
        let callNotes = RenderFixtures.simpleCall()[0].notes
        if callNotes.isEmpty {
            #expect(notes.elements("p").first?.text == "No notes.")
        } else {
            #expect(notes.elements("li").map(\.text) == callNotes)
        }
        let hostile = try #require(ParsedXML.parse(renderer.render(LadderLayout(calls: RenderFixtures.hostileCall()))))
        let hostileNotes = RenderFixtures.hostileCall()[0].notes
        #expect(!hostileNotes.isEmpty)
        #expect(try section(hostile, "notes").elements("li").map(\.text) == hostileNotes)
    }

    @Test func ladderIsInlineAndEveryArrowLinksToItsMessage() throws {
        let root = try #require(ParsedXML.parse(renderer.render(simple)))
        let ladder = try section(root, "ladder")
        let svg = try #require(ladder.elements("svg").first)
        #expect(svg.attributes["class"] == "ladder")
        let links = svg.elements("a")
        #expect(links.map { $0.attributes["xlink:href"] ?? "" } == (1...5).map { "#msg-\($0)" })
        #expect(links.map { $0.children.first?.attributes["id"] ?? "" } == (1...5).map { "ladder-msg-\($0)" })
        #expect(ladder.element(id: "viewer-text")?.name == "pre")
        // Ids are unique across the page.
        let ids = root.all.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
    }

    @Test func everyMessageIsADetailsElementWithItsFullText() throws {
        let calls = RenderFixtures.simpleCall()
        let root = try #require(ParsedXML.parse(renderer.render(LadderLayout(calls: calls))))
        let details = try section(root, "messages").elements("details")
        #expect(details.map { $0.attributes["id"] ?? "" } == (1...5).map { "msg-\($0)" })
        #expect(details[0].attributes["class"] == "message request")
        #expect(
            details[0].elements("summary").first?.allText
                == "#1 0.000 s INVITE (SDP) 192.0.2.10:5060 \u{2192} 203.0.113.20:5080"
        )
        #expect(
            details[0].elements("p").first?.text
                == "CSeq 1 INVITE \u{00B7} 2023-11-14T22:13:20.000000Z \u{00B7} 192.0.2.10:5060 \u{2192} 203.0.113.20:5080 \u{00B7} frame 1"
        )
        let text = String(decoding: calls[0].messages[0].payload, as: UTF8.self).replacingOccurrences(
            of: "\r\n",
            with: "\n"
        )
        #expect(details[0].elements("pre").first?.text == text)
    }

    @Test func messageTextIsDecodedLenientlyAndEscaped() throws {
        var calls = RenderFixtures.simpleCall()
        calls[0].messages[0].payload = Array("INVITE <b>&amp;</b>\r\nX: ".utf8) + [0xFF, 0x00, 0x1B, 0x0D, 0x41]
        calls[0].messages[1].payload = []
        let html = renderer.render(LadderLayout(calls: calls))
        let root = try #require(ParsedXML.parse(html))
        #expect(
            root.element(id: "msg-1")?.elements("pre").first?.text
                == "INVITE <b>&amp;</b>\nX: \u{FFFD}\u{2400}\u{241B}\u{240D}A"
        )
        #expect(html.contains("<pre>INVITE &lt;b&gt;&amp;amp;&lt;/b&gt;\n"))
        #expect(root.element(id: "msg-2")?.elements("pre").isEmpty == true)
        #expect(root.element(id: "msg-2")?.elements("p").last?.text.hasPrefix("The message text was not kept") == true)
    }

    @Test func hostileCallIsEscapedEverywhere() throws {
        let layout = LadderLayout(calls: RenderFixtures.hostileCall(), options: RenderFixtures.hostileOptions)
        let html = renderer.render(layout)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<phone>"))
        let root = try #require(ParsedXML.parse(html))
        #expect(root.elements("title").first?.text == "SIP call report: " + RenderFixtures.hostileCallID)
        #expect(root.elements("code").first?.text == RenderFixtures.hostileCallID)
        #expect(root.elements("script").count == 1)
        let footer = try #require(root.elements("footer").first)
        #expect(footer.allText == "\nCapture: capture <1>.pcap \u{00B7} generated by sipdiag 1.2.3\n")
    }

    @Test func severalCallsGetOneHeadingEach() throws {
        let calls = RenderFixtures.simpleCall() + RenderFixtures.hostileCall()
        let root = try #require(ParsedXML.parse(renderer.render(LadderLayout(calls: calls))))
        let headings = try section(root, "summary").elements("h3").map(\.allText)
        #expect(headings == ["Call 1 of 2: simple@test", "Call 2 of 2: " + RenderFixtures.hostileCallID])
        #expect(try section(root, "timing").elements("table").count == 2)
    }

    @Test func scriptAndStyleKeepThePageWellFormed() {
        for text in [HTMLReportRenderer.script, HTMLReportRenderer.styleSheet] {
            #expect(!text.contains("<"))
            #expect(!text.contains("&"))
        }
        #expect(!HTMLReportRenderer.styleSheet.contains("http"))
    }
}
