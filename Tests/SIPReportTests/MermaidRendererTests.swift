import Foundation
import SIPAnalysis
import SIPReport
import Testing

/// Mermaid's renderer (mermaid-cli) cannot be installed here (npm has no registry access), so
/// these tests check the syntax rules the output relies on, from the Mermaid "Sequence diagrams"
/// documentation: `participant ID as NAME`, the arrows `->>`, `-->>`, `-)`, `--)`, message text
/// after `: ` up to the end of the line, and entity codes `#NNN;` for anything else.
@Suite struct MermaidRendererTests {
    @Test func simpleCallGolden() {
        let text = MermaidRenderer().render(LadderLayout(calls: RenderFixtures.simpleCall()))
        #expect(
            text == """
                sequenceDiagram
                    participant L0 as 192.0.2.10#58;5060
                    participant L1 as 203.0.113.20#58;5080
                    L0->>L1: INVITE (SDP)
                    L1-->>L0: 100 Trying
                    L1-->>L0: 180 Ringing
                    L1-->>L0: 200 OK (SDP)
                    L0->>L1: ACK

                """
        )
    }

    @Test func retransmissionsUseAsyncArrowsAndSelfMessagesStayOnTheirLane() {
        let lines = MermaidRenderer().render(LadderLayout(calls: RenderFixtures.hostileCall()))
            .split(separator: "\n").map(String.init)
        #expect(lines.contains("    L0-)L1: INVITE (SDP) (retransmission)"))
        #expect(lines.contains("    L1->>L1: INFO"))
        #expect(lines.contains("    L3-->>L1: 487 Request Terminated"))
    }

    /// Every line is one of the statements the grammar knows, and text holds only safe characters
    /// and entity codes: no `;` (statement end), `#` outside an entity, `%%`, `:`, `<`, quotes or
    /// arrows.
    @Test func hostileTextCannotBreakTheSyntax() throws {
        let layout = LadderLayout(calls: RenderFixtures.hostileCall(), options: RenderFixtures.hostileOptions)
        let lines = MermaidRenderer().render(layout).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "sequenceDiagram")
        #expect(lines.last == "")
        let participant = try Regex(#"^    participant L[0-9]+ as (.+)$"#)
        let message = try Regex(#"^    L[0-9]+(->>|-->>|-\)|--\))L[0-9]+: (.+)$"#)
        let entity = try Regex(#"#[0-9]+;"#)
        var texts: [String] = []
        for line in lines.dropFirst().dropLast() {
            if let match = try participant.wholeMatch(in: line), let name = match.output[1].substring {
                texts.append(String(name))
            } else if let match = try message.wholeMatch(in: line), let text = match.output[2].substring {
                texts.append(String(text))
            } else {
                Issue.record("not a statement: \(line)")
            }
        }
        #expect(texts.count == layout.lanes.count + layout.rows.count)
        for text in texts {
            let bare = text.replacing(entity, with: "")
            #expect(
                bare.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " .,()_/+=".contains($0)) },
                "\(text)"
            )
            #expect(!text.hasPrefix(" ") && !text.hasSuffix(" "))
        }
        let hostileLine = try #require(texts.first { $0.hasPrefix("183 ") })
        #expect(
            hostileLine.hasPrefix(
                "183 Session Progress #60;script#62;alert(#34;x#34;)#60;/script#62; #38; #45;#45;#62; #64;enduml #59; #35;quot#59; #37;#37;"
            )
        )
        #expect(hostileLine.contains("#65533;desrever#65533; #91;31m"))
        #expect(texts[0] == "Alice #60;phone#62; #38; #34;desk#34; (192.0.2.10#58;5060)")
    }

    @Test func textSanitising() {
        #expect(MermaidRenderer.text("a;b#c%%d:e") == "a#59;b#35;c#37;#37;d#58;e")
        #expect(MermaidRenderer.text("  line\r\none\tand\u{7}bell  ") == "line one and bell")
        #expect(MermaidRenderer.text("é€") == "#233;#8364;")
        #expect(MermaidRenderer.text("\n") == "#32;")
        #expect(MermaidRenderer.text("") == "#32;")
    }
}
