import Foundation
import SIPAnalysis
import SIPDiagnosis
import SIPReport
import Testing

/// Renders the sample capture and the hostile call in every format. With SIPDIAG_RENDER_DIR set
/// (scripts/render-check.sh sets it), the files are written there for a browser and PlantUML to
/// draw; either way their content is checked.
@Suite struct RenderCheckTests {
    struct Rendering {
        var name: String
        var layout: LadderLayout
        var findings: [Finding]
    }

    static func renderings() throws -> [Rendering] {
        let sample = try RenderFixtures.sampleCalls()
        let hostile = RenderFixtures.hostileCall()
        return [
            Rendering(name: "sample", layout: LadderLayout(calls: Array(sample.prefix(1))), findings: []),
            Rendering(name: "sample-all", layout: LadderLayout(calls: sample), findings: []),
            Rendering(
                name: "hostile",
                layout: LadderLayout(calls: hostile, options: RenderFixtures.hostileOptions),
                findings: [
                    Finding(
                        code: "retransmission<script>",
                        severity: .warning,
                        summary: "The INVITE was sent again after 530 ms & \"more\"",
                        explanation: "The proxy's 100 Trying did not reach the caller --> @enduml",
                        fix: "Check the path from the proxy to the caller."
                    ),
                    Finding(
                        code: "forked",
                        severity: .error,
                        summary: "Two callees answered",
                        explanation: "x",
                        fix: nil
                    ),
                ]
            ),
        ]
    }

    @Test func rendersEveryFormatAndWritesThemWhenAsked() throws {
        let directory = ProcessInfo.processInfo.environment["SIPDIAG_RENDER_DIR"]
        for rendering in try Self.renderings() {
            let svg = SVGLadderRenderer().render(rendering.layout)
            let html = HTMLReportRenderer(source: "samples/call-udp.pcap", version: "0.0.0-test")
                .render(rendering.layout, findings: rendering.findings)
            let mermaid = MermaidRenderer().render(rendering.layout)
            let plantuml = PlantUMLRenderer().render(rendering.layout)
            #expect(ParsedXML.parse(svg)?.name == "svg")
            #expect(ParsedXML.parse(html)?.name == "html")
            #expect(mermaid.hasPrefix("sequenceDiagram\n"))
            #expect(plantuml.hasPrefix("@startuml\n") && plantuml.hasSuffix("\n@enduml\n"))
            #expect(plantuml.components(separatedBy: "@enduml").count == 2)
            let arrows = ParsedXML.parse(svg)?.elements("g").filter { $0.attributes["id"]?.hasPrefix("msg-") == true }
            #expect(arrows?.count == rendering.layout.rows.count)
            guard let directory else { continue }
            let base = URL(fileURLWithPath: directory)
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            for (suffix, text) in [("svg", svg), ("html", html), ("mmd", mermaid), ("puml", plantuml)] {
                try Data(text.utf8).write(to: base.appendingPathComponent(rendering.name + "." + suffix))
            }
        }
    }
}
