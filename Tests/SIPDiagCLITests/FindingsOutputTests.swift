import Foundation
import Testing

/// The diagnosis in the commands' outputs: the JSON findings, `--fail-on`, and the reports.
@Suite struct FindingsOutputTests {
    let timeout = CLI.path("Tests/SIPAnalysisTests/Fixtures/calls/timeout.pcap")
    let sample = CLI.path("samples/call-udp.pcap")

    @Test func jsonFindingsHaveEveryField() throws {
        let run = CLI.run(["analyze", timeout, "--call-id", "timeout@sipdiag.test", "--format", "json"])
        #expect(run.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let findings = try #require(document?["findings"] as? [[String: Any]])
        let first = try #require(findings.first)
        #expect(first["code"] as? String == "timeout.no-response")
        #expect(first["severity"] as? String == "error")
        #expect(first["callId"] as? String == "timeout@sipdiag.test")
        #expect(Set(first.keys) == ["code", "severity", "summary", "explanation", "evidence", "fix", "callId"])
        let evidence = try #require((first["evidence"] as? [[String: Any]])?.first)
        #expect(evidence["message"] as? Int == 1)
        #expect((evidence["time"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func failOnSetsTheExitCodeOnlyAtItsSeverity() {
        let arguments = ["analyze", timeout, "--call-id", "timeout@sipdiag.test"]
        #expect(CLI.run(arguments).status == 0)
        #expect(CLI.run(arguments + ["--fail-on", "error"]).status == 1)
        #expect(CLI.run(arguments + ["--fail-on", "warning"]).status == 1)
        // The sample's busy call is only an info finding.
        #expect(CLI.run(["analyze", sample, "--fail-on", "warning"]).status == 0)
        #expect(CLI.run(["analyze", sample, "--fail-on", "info"]).status == 64)
    }

    @Test func reportsListTheFindings() {
        let markdown = CLI.run(["ladder", timeout, "--call-id", "timeout@sipdiag.test", "--format", "markdown"])
        #expect(markdown.stdout.contains("- **error** `timeout.no-response`: "))
        let html = CLI.run(["ladder", timeout, "--call-id", "timeout@sipdiag.test", "--format", "html"])
        #expect(html.stdout.contains("<li class=\"finding severity-error\">"))
        #expect(html.stdout.contains("<code>timeout.no-response</code>"))
    }
}
