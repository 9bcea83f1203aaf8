import Foundation
import SIPDiagCLI
import Testing
import VidaTestServer

/// `--account`, `--platform-ip` and `--no-account` on the commands that explain calls: the
/// failure samples under samples/account.json, bad arguments, and the account read from the API.
@Suite struct AccountOptionTests {
    let account = CLI.path("samples/account.json")

    func sample(_ name: String) -> String { CLI.path("samples/failures/\(name).pcap") }

    @Test func notWhitelistedSampleIsExplainedByTheAccount() throws {
        let run = CLI.run(["analyze", sample("not-whitelisted"), "--account", account])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        try CLI.expectGolden(run.stdout, "analyze-not-whitelisted-account.txt")
        // Without the account the same call only gets the general explanation of its 403.
        let general = CLI.run(["analyze", sample("not-whitelisted")])
        #expect(general.stdout.contains("ERROR  response.403"))
        #expect(!general.stdout.contains("whitelist."))
    }

    @Test func jsonFindingsCarryTheAccountCodes() throws {
        let cases: [(String, [String])] = [
            ("not-whitelisted", ["whitelist.source-not-listed"]),
            ("route-timeout", ["route.no-answer", "platform.inferred"]),
            ("route-refused-icmp", ["route.unreachable", "platform.inferred"]),
            (
                "registration-realm",
                ["registration.realm-mismatch", "registration.credentials-rejected", "platform.inferred"]
            ),
            (
                "registration-password",
                ["registration.credentials-rejected", "registration.forbidden", "platform.inferred"]
            ),
            ("good-call", ["platform.inferred"]),
        ]
        for (name, codes) in cases {
            let run = CLI.run(["analyze", sample(name), "--account", account, "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let findings = try #require(object["findings"] as? [[String: Any]])
            #expect(findings.compactMap { $0["code"] as? String } == codes, "\(name)")
        }
    }

    @Test func failOnTurnsTheAccountFindingsIntoTheExitCode() {
        #expect(
            CLI.run(["analyze", sample("not-whitelisted"), "--account", account, "--fail-on", "error"]).status == 1
        )
        #expect(CLI.run(["analyze", sample("good-call"), "--account", account, "--fail-on", "warning"]).status == 0)
    }

    @Test func platformIPDecidesTheDirection() {
        // Naming the PBX as the platform makes the call outbound: no whitelist finding, and
        // 198.51.100.20 is where no outbound route points.
        let run = CLI.run(["analyze", sample("not-whitelisted"), "--account", account, "--platform-ip", "203.0.113.7"])
        #expect(!run.stdout.contains("whitelist."))
        #expect(run.stdout.contains("WARNING  route.destination-not-listed: INVITE went to 198.51.100.20:5060"))
        #expect(!run.stdout.contains("platform.inferred"))
    }

    @Test func ladderReportsIncludeTheAccountFindings() {
        let run = CLI.run(["ladder", sample("route-timeout"), "--format", "markdown", "--account", account])
        #expect(run.status == 0)
        #expect(run.stdout.contains("route.no-answer"))
        #expect(!run.stdout.contains("timeout.no-response"))
    }

    @Test func badAccountArgumentsSayWhatAndWhere() throws {
        let badIP = CLI.run(["analyze", sample("good-call"), "--platform-ip", "198.51.100.300"])
        #expect(badIP.status == 64)
        #expect(badIP.stderr.contains("--platform-ip '198.51.100.300' is not an IP address"))
        let missing = CLI.run(["analyze", sample("good-call"), "--account", "/nonexistent/account.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "Error: cannot open the account file /nonexistent/account.json: no such file\n")
        let file = CLI.temporaryPath(".json")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(#"{"whitelist": [{"ip": 198}]}"#.utf8).write(to: URL(fileURLWithPath: file))
        let bad = CLI.run(["ladder", sample("good-call"), "--account", file])
        #expect(bad.status == 65)
        #expect(
            bad.stderr
                == "Error: the account file \(file) is not valid: whitelist[0].ip: expected a string, found the number 198\n"
        )
        #expect(bad.stdout.isEmpty)
        let both = CLI.run(["call", "x@y", "--account", file, "--no-account"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--no-account and --account contradict each other"))
    }

    @Test func callChecksAgainstTheAccountFromTheAPI() throws {
        let harness = try APICommandTests.Harness()
        defer { harness.server.stop() }
        let busy = try #require(try APICommandTests.samples().first { $0.callId == "udp4-busy-1@sipdiag.test" })
        let added = harness.run(["whitelist", "add", "198.51.100.4", "--label", "Office PBX"])
        #expect(added.status == 0, "\(added.stderr)")
        harness.server.resetRequests()
        let base = ["call", busy.callId] + APICommandTests.window(busy) + ["--format", "json"]
        // 127.0.0.20 answered the INVITE: as the platform, its caller 127.0.0.10 is not listed.
        let checked = harness.run(base + ["--platform-ip", "127.0.0.20"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(harness.requests("GET", "/api/v2/sip/ipWhitelist") == 1)
        #expect(harness.requests("GET", "/api/v2/sip/outboundRoutes") == 1)
        #expect(harness.requests("GET", "/api/v2/sip/registration") == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        let codes = (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("whitelist.source-not-listed"))
        #expect(checked.stdout.contains("198.51.100.4 (Office PBX)"))
        harness.server.resetRequests()
        let skipped = harness.run(base + ["--no-account"])
        #expect(skipped.status == 0)
        #expect(harness.requests("GET", "/api/v2/sip/ipWhitelist") == 0)
        #expect(!skipped.stdout.contains("whitelist."))
        // The configuration is a help: when the API does not give it, the call is still explained.
        harness.server.inject(.notFound, path: "/api/v2/sip/ipWhitelist")
        let degraded = harness.run(base)
        #expect(degraded.status == 0, "\(degraded.stderr)")
        #expect(degraded.stderr.contains("warning: the account's configuration could not be read from the API"))
        #expect(degraded.stdout.contains(#""calls""#))
        #expect(!degraded.stdout.contains("whitelist."))
    }

    @Test func overviewOfASmallCaptureRunsTheChecksThatReadHeaders() throws {
        // Two calls, so the overview: the NAT checks read Contact and Via from the messages.
        let run = CLI.run(["analyze", CLI.path("Tests/SIPDiagnosisTests/Fixtures/nat.pcap"), "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["calls"] as? [Any])?.count == 2)
        let codes = Set((object["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
        #expect(codes == ["nat.private-contact", "nat.private-via"])
    }

    @Test func transportsAreNotComparedWhenTheCaptureDoesNotRecordThem() throws {
        func codes(_ capture: String, route: String) throws -> [String] {
            let file = CLI.temporaryPath(".json")
            defer { try? FileManager.default.removeItem(atPath: file) }
            try Data(#"{"routes": ["\#(route)"]}"#.utf8).write(to: URL(fileURLWithPath: file))
            let run = CLI.run(["analyze", CLI.path(capture), "--account", file, "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        }
        // The real TCP capture against a TLS route on 5061: both differences.
        let real = try codes("Tests/SIPAnalysisTests/Fixtures/calls/tcp.pcap", route: "127.0.0.20:5061;transport=tls")
        #expect(real.contains("route.transport-mismatch") && real.contains("route.port-mismatch"))
        // Homer's pcap export writes the same kind of call as UDP: only the port is compared.
        let homer = try codes("samples/api/tcp-answered.homer.pcap", route: "127.0.0.1:5061;transport=tls")
        #expect(homer.contains("route.port-mismatch"))
        #expect(!homer.contains("route.transport-mismatch"))
    }
}
