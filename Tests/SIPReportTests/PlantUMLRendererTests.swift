import Foundation
import SIPAnalysis
import SIPReport
import Testing

/// PlantUML's own check runs in scripts/render-check.sh; these tests pin the rules the output
/// follows (PlantUML "Sequence Diagram" and "Unicode" documentation).
@Suite struct PlantUMLRendererTests {
    @Test func simpleCallGolden() {
        let text = PlantUMLRenderer().render(LadderLayout(calls: RenderFixtures.simpleCall()))
        #expect(
            text == """
                @startuml
                title Call<U+002D>ID simple<U+0040>test
                participant "192.0.2.10:5060" as L0
                participant "203.0.113.20:5080" as L1
                L0 -[#0550ae]> L1 : INVITE (SDP)
                L1 -[#6639ba]-> L0 : 100 Trying
                L1 -[#6639ba]-> L0 : 180 Ringing
                L1 -[#1a7f37]-> L0 : 200 OK (SDP)
                L0 -[#0550ae]> L1 : ACK
                @enduml

                """
        )
    }

    @Test func hostileTextCannotEndOrBreakTheDiagram() throws {
        let layout = LadderLayout(calls: RenderFixtures.hostileCall(), options: RenderFixtures.hostileOptions)
        let text = PlantUMLRenderer().render(layout)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "@startuml")
        #expect(lines.last == "@enduml")
        #expect(lines.filter { $0.contains("@") }.count == 2)
        #expect(lines.count == 3 + layout.lanes.count + layout.rows.count)
        let title = try Regex(#"^title (.+)$"#)
        let participant = try Regex(#"^participant "(.+)" as L[0-9]+$"#)
        let message = try Regex(#"^L[0-9]+ -\[#[0-9a-f]{6}\](-?)(>>?) L[0-9]+ : (.+)$"#)
        let reference = try Regex(#"<U\+[0-9A-F]{4,6}>"#)
        var texts: [String] = []
        for line in lines.dropFirst().dropLast() {
            if let match = try title.wholeMatch(in: line), let value = match.output[1].substring {
                texts.append(String(value))
            } else if let match = try participant.wholeMatch(in: line), let value = match.output[1].substring {
                texts.append(String(value))
            } else if let match = try message.wholeMatch(in: line), let value = match.output[3].substring {
                texts.append(String(value))
            } else {
                Issue.record("not a statement: \(line)")
            }
        }
        for value in texts {
            let bare = value.replacing(reference, with: "")
            #expect(bare.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " .,():".contains($0)) }, "\(value)")
        }
        #expect(
            texts[0].hasPrefix(
                "Call<U+002D>ID x<U+003C>b<U+003E><U+0026><U+0022><U+0027><U+002D><U+002D><U+003E><U+0040>enduml"
            )
        )
        #expect(lines.contains("L0 -[#0550ae]>> L1 : INVITE (SDP) (retransmission)"))
        #expect(lines.contains("L1 -[#0550ae]> L1 : INFO"))
        #expect(lines.contains("L3 -[#cf222e]-> L1 : 487 Request Terminated"))
    }

    @Test func textSanitising() {
        // The backslash and dollar use <U+...>: PlantUML 1.2020 throws on &#92; and &#36;.
        #expect(PlantUMLRenderer.text("a\\nb $x") == "a<U+005C>nb <U+0024>x")
        #expect(PlantUMLRenderer.text("@enduml") == "<U+0040>enduml")
        #expect(
            PlantUMLRenderer.text("**b** --s-- [[u]] ~x 'c !i %d")
                == "<U+002A><U+002A>b<U+002A><U+002A> <U+002D><U+002D>s<U+002D><U+002D> <U+005B><U+005B>u<U+005D><U+005D> <U+007E>x <U+0027>c <U+0021>i <U+0025>d"
        )
        #expect(PlantUMLRenderer.text(" two\r\nlines ") == "two lines")
        #expect(PlantUMLRenderer.text("😀\u{202E}") == "<U+1F600><U+FFFD>")
    }
}
