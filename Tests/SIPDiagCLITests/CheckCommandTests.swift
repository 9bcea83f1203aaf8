import Foundation
import SIPDiagCLI
import SIPDiagnosis
import Testing
import VidaTestServer

/// `sipdiag check` from account files and from the test API: findings, exit codes, the JSON
/// document, and the account file written by --save-account. Hosts are IP literals so that no
/// test waits on DNS.
@Suite struct CheckCommandTests {
    static let account = """
        {"whitelist": [{"ip": "198.51.100.4", "label": "Office PBX"}, {"ip": "10.0.0.5", "label": "LAN PBX"}],
         "routes": ["203.0.113.10:5060;transport=udp", "203.0.113.10:5061"],
         "registration": {"aor": "1001@sip.example.com", "proxy": "198.51.100.20:5061", "transport": "TLS",
                          "password": "hunter2"},
         "platform": ["198.51.100.30"]}
        """

    static func file(_ text: String) throws -> String {
        let path = CLI.temporaryPath(".json")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any])
    }

    static func codes(_ document: [String: Any]) -> [String] {
        (document["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func accountFileInText() throws {
        let path = try Self.file(Self.account)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = CLI.run(["check", "--account", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Account configuration from the account file \(path):\n"))
        #expect(run.stdout.contains("  whitelist:    198.51.100.4 (Office PBX), 10.0.0.5 (LAN PBX)\n"))
        #expect(run.stdout.contains("  registration: 1001@sip.example.com via 198.51.100.20:5061 TLS\n"))
        #expect(run.stdout.contains("  platform:     198.51.100.30\n"))
        #expect(run.stdout.contains("WARNING  config.whitelist-not-global: Whitelist entry 10.0.0.5"))
        #expect(run.stdout.contains("WARNING  config.route-port-transport: Outbound route 203.0.113.10:5061"))
        #expect(run.stdout.contains("- whitelist[1]: 10.0.0.5 (LAN PBX)"))
        #expect(!run.stdout.contains("ERROR"))
        #expect(!run.stdout.contains("hunter2"))
        #expect(CLI.run(["check", "--account", path, "--fail-on", "warning"]).status == 1)
        #expect(CLI.run(["check", "--account", path, "--fail-on", "error"]).status == 0)
    }

    @Test func jsonDocument() throws {
        let path = try Self.file(Self.account)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = CLI.run(["check", "--account", path, "--platform-ip", "198.51.100.31", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try Self.object(run.stdout)
        #expect(Set(document.keys) == ["account", "findings"])
        let account = try #require(document["account"] as? [String: Any])
        #expect(account["platform"] as? [String] == ["198.51.100.30", "198.51.100.31"])
        #expect(account["routes"] as? [String] == ["203.0.113.10:5060;transport=udp", "203.0.113.10:5061"])
        let registration = try #require(account["registration"] as? [String: Any])
        #expect(registration["password"] == nil)
        #expect(registration["transport"] as? String == "TLS")
        #expect(Self.codes(document) == ["config.route-port-transport", "config.whitelist-not-global"])
        let finding = try #require((document["findings"] as? [[String: Any]])?[1])
        #expect(
            Set(finding.keys) == ["code", "severity", "summary", "explanation", "evidence", "fix", "callId"]
        )
        #expect(finding["severity"] as? String == "warning")
        #expect(finding["callId"] is NSNull)
        let evidence = try #require((finding["evidence"] as? [[String: Any]])?.first)
        #expect(evidence["text"] as? String == "whitelist[1]: 10.0.0.5 (LAN PBX)")
        #expect(evidence["message"] is NSNull)
    }

    @Test func badAccountFiles() throws {
        let cases: [(String, String)] = [
            ("{\"whitelist\": [", "is not valid: not valid JSON"),
            ("[1, 2]", "is not valid: expected an object"),
            ("{\"whitelist\": [{\"ip\": 5}]}", "is not valid: whitelist[0].ip: expected a string, found the number 5"),
            ("{\"routes\": \"203.0.113.10\"}", "is not valid: routes: expected a list, found a string"),
            ("{\"registration\": {\"proxy\": \"x\"}}", "is not valid: registration.aor: missing"),
        ]
        for (text, message) in cases {
            let path = try Self.file(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let run = CLI.run(["check", "--account", path])
            #expect(run.status == 65, "\(text)")
            #expect(run.stderr.hasPrefix("Error: the account file \(path) \(message)"), "\(text): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        let missing = CLI.run(["check", "--account", "/nonexistent/account.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "Error: cannot open the account file /nonexistent/account.json: no such file\n")
    }

    @Test func helpAndOverview() {
        let help = CLI.run(["help", "check"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: Check the account's configuration"))
        #expect(help.stdout.contains("  --probe-timeout <s>"))
        #expect(CLI.run(["check", "--help"]).stdout == help.stdout)
        #expect(CLI.run(["--help"]).stdout.contains("\n  check                   Check the whitelist"))
    }

    @Test func usageErrors() throws {
        let path = try Self.file("{}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        for arguments in [
            ["--platform-ip", "not-an-ip"], ["--probe-timeout", "0"], ["--probe-timeout", "x"], ["--format", "xml"],
            ["extra"],
        ] {
            let run = CLI.run(["check", "--account", path] + arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.hasPrefix("Error: "), "\(arguments)")
        }
        let empty = CLI.run(["check", "--account", path])
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("Findings: none"))
        #expect(empty.stdout.contains("  whitelist:    not known\n"))
    }

    @Test func saveAccountRoundTrip() throws {
        let path = try Self.file(Self.account)
        let saved = CLI.temporaryPath(".json")
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: saved)
        }
        let run = CLI.run(["check", "--account", path, "--save-account", saved, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "saved the account configuration to \(saved)\n")
        let original = try AccountConfig.decode(Data(Self.account.utf8))
        let written = try Data(contentsOf: URL(fileURLWithPath: saved))
        #expect(try AccountConfig.decode(written) == original)
        #expect(!String(decoding: written, as: UTF8.self).contains("hunter2"))
        // Checking the saved file gives the same document.
        let again = CLI.run(["check", "--account", saved, "--format", "json"])
        #expect(again.stdout == run.stdout)
    }

    @Test func fromTheAPI() throws {
        let harness = try APICommandTests.Harness(captures: false)
        defer { harness.server.stop() }
        harness.server.seedWhitelist(ip: "192.168.1.20", label: "LAN PBX", timestamp: 1_678_829_072)
        harness.server.seedRoute("203.0.113.10:5060;transport=tls")
        let password = CLI.temporaryPath(".password")
        let saved = CLI.temporaryPath(".json")
        defer {
            try? FileManager.default.removeItem(atPath: password)
            try? FileManager.default.removeItem(atPath: saved)
        }
        try Data("sip-secret\n".utf8).write(to: URL(fileURLWithPath: password))
        let set = harness.run([
            "registration", "set", "--aor", "1001@sip.example.com", "--password-file", password, "--proxy",
            "198.51.100.20", "--port", "5061", "--transport", "udp",
        ])
        #expect(set.status == 0, "\(set.stderr)")
        let run = harness.run(["check", "--format", "json", "--save-account", saved])
        #expect(run.status == 0, "\(run.stderr)")
        for path in ["/api/v2/sip/ipWhitelist", "/api/v2/sip/outboundRoutes", "/api/v2/sip/registration"] {
            #expect(harness.requests("GET", path) >= 1, "\(path)")
        }
        let document = try Self.object(run.stdout)
        let account = try #require(document["account"] as? [String: Any])
        #expect((account["whitelist"] as? [[String: Any]])?.first?["ip"] as? String == "192.168.1.20")
        #expect(account["routes"] as? [String] == ["203.0.113.10:5060;transport=tls"])
        #expect((account["registration"] as? [String: Any])?["proxy"] as? String == "198.51.100.20")
        #expect(
            Self.codes(document) == [
                "config.registration-port-transport", "config.route-port-transport", "config.whitelist-not-global",
            ]
        )
        let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: saved)), as: UTF8.self)
        #expect(!written.contains("sip-secret"))
        #expect(!written.contains(APICommandTests.token))
        // The saved file checks the same without the API.
        let offline = CLI.run(["check", "--account", saved, "--format", "json"])
        #expect(offline.stdout == run.stdout)

        let text = harness.run(["check"])
        #expect(
            text.stdout.hasPrefix("Account configuration from the API at \(harness.server.baseURL.absoluteString):")
        )
    }

    @Test func apiErrorsKeepTheirExitCodes() throws {
        let harness = try APICommandTests.Harness(captures: false)
        defer { harness.server.stop() }
        let stdout = OutputSink()
        let stderr = OutputSink()
        let wrongToken = CLI.temporaryPath(".token")
        defer { try? FileManager.default.removeItem(atPath: wrongToken) }
        try Data("wrong\n".utf8).write(to: URL(fileURLWithPath: wrongToken))
        chmod(wrongToken, 0o600)
        let status = SIPDiagCommand.run(
            arguments: ["check", "--api-url", harness.server.baseURL.absoluteString, "--token-file", wrongToken],
            stdout: stdout,
            stderr: stderr
        )
        #expect(status == 77)
        #expect(stderr.text.hasPrefix("Error: "))
    }

    @Test func probeInJSON() throws {
        // A closed loopback port: the probe is refused at once.
        let path = try Self.file("{\"routes\": [\"127.0.0.1:9;transport=tcp\"]}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = CLI.run(["check", "--account", path, "--probe", "--probe-timeout", "2", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try Self.object(run.stdout)
        #expect(Set(document.keys) == ["account", "findings", "probes"])
        let probe = try #require((document["probes"] as? [[String: Any]])?.first)
        #expect(probe["route"] as? String == "127.0.0.1:9;transport=tcp")
        #expect(probe["transport"] as? String == "tcp")
        #expect(probe["destination"] as? String == "127.0.0.1:9")
        #expect(probe["outcome"] as? String == "refused")
        #expect(probe["status"] is NSNull)
        #expect(Self.codes(document) == ["config.route-not-global", "probe.refused"])
        let text = CLI.run(["check", "--account", path, "--probe", "--fail-on", "error"])
        #expect(text.status == 1)
        #expect(
            text.stdout.contains(
                "OPTIONS probes:\n  127.0.0.1:9;transport=tcp  TCP 127.0.0.1:9  refused (connection refused)\n"
            )
        )
    }
}
