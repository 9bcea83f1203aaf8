import Foundation
import SIPCapture
import SIPDiagCLI
import Testing

/// `sipdiag ladder`, `analyze` and `export` on the bundled sample.
@Suite struct LadderCommandTests {
    let sample = CLI.path("samples/call-udp.pcap")
    let call = "udp4-call-1@sipdiag.test"

    @Test func textLadderIsTheGoldenOne() throws {
        let unicode = CLI.run(["ladder", sample, "--call-id", call])
        #expect(unicode.status == 0)
        try CLI.expectGolden(unicode.stdout, "ladder-call-1.txt")
        let ascii = CLI.run([
            "ladder", sample, "--call-id", call, "--ascii", "--alias", "127.0.0.10=PBX", "--width", "60",
        ])
        try CLI.expectGolden(ascii.stdout, "ladder-call-1-ascii-alias.txt")
        #expect(ascii.stdout.split(separator: "\n").allSatisfy { $0.unicodeScalars.count <= 60 })
        #expect(ascii.stdout.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func aCallFlowNamesItsLanesAndAnAliasGivenHereWins() {
        let flow = CLI.path("samples/api/udp-busy.transaction.json")
        let named = CLI.run(["ladder", flow])
        #expect(named.status == 0)
        let header = named.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.split(separator: " ") == ["caller", "callee-1"])
        let renamed = CLI.run(["ladder", flow, "--alias", "127.0.0.10:5070=PBX"])
        let renamedHeader = renamed.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(renamedHeader.split(separator: " ") == ["PBX", "callee-1"])
    }

    @Test func analyzeOfOneCallWarnsOnce() throws {
        // The busy call's JSON rows without their raw text: summary-only messages, one warning.
        let rows = try Data(contentsOf: URL(fileURLWithPath: CLI.path("samples/api/udp-busy.json")))
        let text = String(decoding: rows, as: UTF8.self).replacing(/"raw" : "(?:[^"\\]|\\.)*",/, with: "")
        #expect(!text.contains("\"raw\" : \""))
        let path = CLI.temporaryPath(".json")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = CLI.run(["analyze", path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Outcome:  busy (486), ended by the callee"))
        #expect(run.stderr.components(separatedBy: "had no raw text in the export").count == 2)
    }

    @Test func sameInputSameOutput() {
        let first = CLI.run(["ladder", sample])
        let second = CLI.run(["ladder", sample])
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.split(separator: "\n").count == 2 + 2 * 18)
    }

    @Test func colourOnlyWhenAsked() {
        let plain = CLI.run(["ladder", sample, "--call-id", call])
        #expect(!plain.stdout.contains("\u{1B}["))
        let colour = CLI.run(["ladder", sample, "--call-id", call, "--color", "always"])
        #expect(colour.stdout.contains("\u{1B}[32m"))
        #expect(colour.stdout.replacing(/\x1B\[[0-9;]*m/, with: "") == plain.stdout)
    }

    @Test func jsonHasTransactionsAndMessages() throws {
        let result = CLI.run(["ladder", sample, "--call-id", call, "--format", "json"])
        let calls = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let only = try #require(calls.first)
        let transactions = try #require(only["transactions"] as? [[String: Any]])
        #expect(transactions.map { $0["method"] as? String } == ["INVITE", "ACK", "BYE"])
        let messages = try #require(only["messages"] as? [[String: Any]])
        #expect(
            messages.map { $0["label"] as? String } == [
                "INVITE", "100 Trying", "180 Ringing", "200 OK", "ACK", "BYE", "200 OK",
            ]
        )
        #expect(messages.first?["src"] as? String == "127.0.0.10:5070")
    }

    @Test func pcapExportReadsBackAsTheSameCall() throws {
        let path = CLI.temporaryPath(".pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLI.run(["export", sample, "--call-id", call, "-o", path])
        #expect(result.status == 0)
        #expect(result.stderr == "wrote 7 messages of 1 call(s) to \(path)\n")
        let original = CLI.run(["messages", sample, "--call-id", call, "--format", "jsonl"])
        let exported = CLI.run(["messages", path, "--format", "jsonl"])
        // Same messages, times, endpoints and bytes; only frame numbers and indexes differ.
        func essentials(_ text: String) -> [String] {
            text.split(separator: "\n").filter { $0.contains("\"type\":\"message\"") }.map {
                String($0).replacing(/"frames":\[[0-9,]*\]/, with: "").replacing(/"index":[0-9]+/, with: "")
            }
        }
        #expect(essentials(exported.stdout) == essentials(original.stdout))
        #expect(essentials(exported.stdout).count == 7)
        let ladderPcap = CLI.run(["ladder", sample, "--call-id", call, "--format", "pcap", "-o", path])
        #expect(ladderPcap.status == 0)
        #expect(essentials(CLI.run(["messages", path, "--format", "jsonl"]).stdout) == essentials(original.stdout))
    }

    @Test func analyzeOneCallAndManyCalls() throws {
        let one = CLI.run(["analyze", sample, "--call-id", "udp4-busy-1@sipdiag.test"])
        #expect(one.status == 0)
        try CLI.expectGolden(one.stdout, "analyze-busy.txt")
        let many = CLI.run(["analyze", sample])
        // The golden file must not depend on where the repository is.
        try CLI.expectGolden(many.stdout.replacing(sample, with: "samples/call-udp.pcap"), "analyze-sample.txt")
        let json = CLI.run(["analyze", sample, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["calls"] as? [Any])?.count == 3)
        // One finding: the busy call's 486, for information.
        let findings = document["findings"] as? [[String: Any]]
        #expect(findings?.map { "\($0["code"] ?? "") \($0["severity"] ?? "")" } == ["response.486 info"])
        let statistics = try #require(document["statistics"] as? [String: Any])
        #expect(statistics["messages"] as? Int == 18)
        #expect((statistics["asrPercent"] as? Double).map { ($0 * 10).rounded() } == 667)
        // Failures first.
        #expect(((document["calls"] as? [[String: Any]])?.first?["state"] as? String) == "busy")
    }

    @Test(arguments: [
        (["ladder", "samples/call-udp.pcap", "--call-id", "nope"], Int32(65), "no call with Call-ID nope"),
        (["ladder", "samples/call-udp.pcap", "--format", "pcap"], 64, "needs -o"),
        (["ladder", "samples/call-udp.pcap", "--alias", "not-an-ip=X"], 64, "not an IP address"),
        (["ladder", "samples/call-udp.pcap", "--width", "5"], 64, "--width"),
        (["export", "samples/call-udp.pcap", "-o", "/tmp/x.pcap"], 64, "--call-id is required"),
        (["export", "samples/call-udp.pcap", "--call-id", "x"], 64, "-o <file> is required"),
        (["analyze", "/nonexistent.pcap"], 66, "no such file"),
    ])
    func badArguments(arguments: [String], status: Int32, fragment: String) {
        let result = CLI.run(arguments.map { $0.hasPrefix("samples/") ? CLI.path($0) : $0 })
        #expect(result.status == status)
        #expect(result.stderr.contains(fragment), "stderr: \(result.stderr)")
    }

    @Test func aliasFileNamesLanes() throws {
        let path = CLI.temporaryPath(".aliases")
        try Data("# lab\n127.0.0.0/8:5070=UAC\n\n127.0.0.20=UAS\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLI.run(["ladder", sample, "--call-id", call, "--aliases", path])
        let header = result.stdout.split(separator: "\n").prefix(2).map { $0.split(separator: " ").map(String.init) }
        #expect(header == [["UAC", "UAS"], ["127.0.0.10:5070", "127.0.0.20:5060"]])
        try Data("127.0.0.1=\n".utf8).write(to: URL(fileURLWithPath: path))
        let bad = CLI.run(["ladder", sample, "--aliases", path])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("line 1: '127.0.0.1=' has an empty name"))
    }
}

/// Golden outputs on the real call-flow captures (scripts/fixtures/make-analysis-captures.sh).
@Suite struct RealCaptureGoldenTests {
    static func capture(_ name: String) -> String { CLI.path("Tests/SIPAnalysisTests/Fixtures/calls/\(name)") }

    @Test func outcomesCallList() throws {
        let result = CLI.run(["calls", Self.capture("outcomes.pcap")])
        #expect(result.status == 0)
        try CLI.expectGolden(result.stdout, "calls-outcomes.txt")
    }

    @Test func forkedCallNamesItsToTags() throws {
        let result = CLI.run(["ladder", Self.capture("dialogs.pcap"), "--call-id", "forking@sipdiag.test"])
        try CLI.expectGolden(result.stdout, "ladder-forking.txt")
        #expect(result.stdout.contains("tag fork-b1x"))
        #expect(result.stdout.contains("tag fork-b1y"))
    }

    @Test func retransmissionsAreDashedAndCounted() throws {
        let capture = Self.capture("auth-retrans.pcap")
        let result = CLI.run(["analyze", capture, "--call-id", "retransmissions@sipdiag.test"])
        try CLI.expectGolden(result.stdout, "analyze-retransmissions.txt")
        #expect(result.stdout.contains("┄┄┄▶"))
        #expect(
            result.stdout.contains(
                "INVITE (CSeq 1): first response 100 after 1203.51 ms, final 200 after 1204.79 ms, 2 retransmitted"
            )
        )
    }

    @Test func relatedLegsAreDrawnTogether() throws {
        let capture = Self.capture("legs.pcap")
        let alone = CLI.run(["ladder", capture, "--call-id", "legs-a@sipdiag.test", "--format", "json"])
        let together = CLI.run(["ladder", capture, "--call-id", "legs-a@sipdiag.test", "--related", "--format", "json"])
        func ids(_ text: String) throws -> [String] {
            let calls = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            return calls.compactMap { $0["callId"] as? String }
        }
        #expect(try ids(alone.stdout) == ["legs-a@sipdiag.test"])
        #expect(try ids(together.stdout) == ["legs-a@sipdiag.test", "legs-b@sipdiag.test"])
        let homer = CLI.run(["ladder", capture, "--call-id", "abc123@host", "--related", "--format", "json"])
        #expect(try ids(homer.stdout) == ["abc123@host", "abc123@host_b2b-1"])
    }

    @Test func timeoutExplainsTimerB() throws {
        let result = CLI.run(["analyze", Self.capture("timeout.pcap"), "--call-id", "timeout@sipdiag.test"])
        try CLI.expectGolden(result.stdout, "analyze-timeout.txt")
        #expect(result.stdout.contains("Outcome:  timeout"))
    }
}

/// Every drawing format through the command, to standard output and to a file.
@Suite struct LadderFormatTests {
    let sample = CLI.path("samples/call-udp.pcap")
    let call = "udp4-call-1@sipdiag.test"

    @Test(arguments: [
        ("svg", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg "),
        ("html", "<!DOCTYPE html>"),
        ("markdown", "# Call `udp4-call-1@sipdiag.test`\n"),
        ("mermaid", "sequenceDiagram\n"),
        ("plantuml", "@startuml"),
    ])
    func formatStartsAsItsLanguageRequires(format: String, start: String) throws {
        let result = CLI.run(["ladder", sample, "--call-id", call, "--format", format])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(start), "\(result.stdout.prefix(80))")
        let path = CLI.temporaryPath("." + format)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let written = CLI.run(["ladder", sample, "--call-id", call, "--format", format, "-o", path])
        #expect(written.status == 0)
        #expect(written.stdout == "")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == result.stdout)
    }

    @Test func htmlNamesItsSourceAndVersion() {
        let result = CLI.run(["ladder", sample, "--call-id", call, "--format", "html"])
        #expect(result.stdout.contains(SIPDiagCommand.version))
        #expect(result.stdout.contains("call-udp.pcap"))
        // Self-contained: nothing is fetched (the only URLs are XML namespace names).
        #expect(!result.stdout.contains("src=\""))
        #expect(!result.stdout.contains("href=\"http"))
        #expect(!result.stdout.contains("@import"))
    }

    @Test func unwritableOutputIsReported() {
        let result = CLI.run(["ladder", sample, "--format", "svg", "-o", "/nonexistent-dir/x.svg"])
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("Error: cannot write /nonexistent-dir/x.svg: "))
    }
}
