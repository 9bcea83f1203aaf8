import Foundation
import SIPDiagCLI
import Testing
import VidaTestServer

/// The API commands against the test server on 127.0.0.1: real HTTP through URLSession, the
/// server's state checked after each change, and the token looked for in every output.
@Suite struct APICommandTests {
    /// A token with characters that percent-encoding changes, so both forms can be looked for.
    static let token = "tok+EN/s3cr3t=="

    /// A started server with the API samples, and a token file for it.
    struct Harness {
        let server: VidaTestServer
        let tokenFile: String

        init(captures: Bool = true) throws {
            server = try VidaTestServer.start(
                token: APICommandTests.token,
                capturesDirectory: captures ? URL(fileURLWithPath: CLI.path("samples/api")) : nil
            )
            tokenFile = CLI.temporaryPath(".token")
            try Data((APICommandTests.token + "\n").utf8).write(to: URL(fileURLWithPath: tokenFile))
            chmod(tokenFile, 0o600)
        }

        /// Runs `sipdiag` against the server, answering questions with `answers`.
        func run(_ arguments: [String], answers: [String]? = nil) -> CLI.Run {
            let stdout = OutputSink()
            let stderr = OutputSink()
            let input =
                answers.map { InputSource(lines: $0, isTerminal: true) } ?? InputSource(lines: [], isTerminal: false)
            let status = SIPDiagCommand.run(
                arguments: arguments + ["--api-url", server.baseURL.absoluteString, "--token-file", tokenFile],
                input: input,
                stdout: stdout,
                stderr: stderr
            )
            let run = CLI.Run(status: status, stdout: stdout.text, stderr: stderr.text)
            APICommandTests.expectNoToken(run)
            return run
        }

        func requests(_ method: String, _ path: String) -> Int {
            server.requests.filter { $0.method == method && $0.path == path }.count
        }
    }

    static func expectNoToken(_ run: CLI.Run, sourceLocation: SourceLocation = #_sourceLocation) {
        let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
        for secret in [token, encoded, "s3cr3t"] {
            #expect(!run.stdout.contains(secret), "token in stdout", sourceLocation: sourceLocation)
            #expect(!run.stderr.contains(secret), "token in stderr", sourceLocation: sourceLocation)
        }
    }

    static let capturesPath = "/api/v2/sip/captures"

    /// `samples/api/manifest.json`, the file the test server serves captures from.
    struct Manifest: Decodable {
        var captures: [Sample]
    }

    struct Sample: Decodable {
        var callId: String
        var files: [String: String]
        var firstTime: Int64
        var lastTime: Int64
    }

    static func samples() throws -> [Sample] {
        let data = try Data(contentsOf: URL(fileURLWithPath: CLI.path("samples/api/manifest.json")))
        return try JSONDecoder().decode(Manifest.self, from: data).captures
    }

    /// A window around the sample's call, as --from/--to in epoch milliseconds.
    static func window(_ sample: Sample) -> [String] {
        ["--from", String(sample.firstTime - 60_000), "--to", String(sample.lastTime + 60_000)]
    }

    // MARK: - call and fetch

    @Test func callGivesTheSameAnalysisFromEveryFormat() throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        for sample in try Self.samples() {
            var outputs: [String: String] = [:]
            for format in ["pcap", "json", "transaction", "text"] {
                let run = harness.run(["call", sample.callId, "--source", format] + Self.window(sample))
                #expect(run.status == 0, "\(format): \(run.stderr)")
                #expect(run.stdout.contains(sample.callId))
                outputs[format] = run.stdout
            }
            // The header lines name the source; the ladder and the timing do not depend on it.
            let ladders = outputs.mapValues { $0.split(separator: "\n").filter { !$0.contains("capture") } }
            #expect(ladders["json"] == ladders["text"])
            // The call flow also names the lanes (its alias map): one line more, the rest the same.
            var transaction = ladders["transaction"] ?? []
            let laneNames = transaction.firstIndex { $0.contains("caller") && $0.contains("callee-1") }
            #expect(laneNames != nil)
            if let laneNames { transaction.remove(at: laneNames) }
            #expect(ladders["json"] == transaction)
            #expect(harness.requests("GET", "/api/v2/sip/captures") == 4)
            let query = try #require(harness.server.requests.last { $0.path == Self.capturesPath })
            #expect(query.query("sipCallId") == sample.callId)
            #expect(query.query("from") == String(sample.firstTime - 60_000))
            #expect(query.query("to") == String(sample.lastTime + 60_000))
            #expect(query.query("token") == Self.token)
            harness.server.resetRequests()
        }
    }

    @Test func callSavesExactlyWhatTheAPIReturned() throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let sample = try #require(try Self.samples().first)
        let saved = CLI.temporaryPath(".json")
        defer { try? FileManager.default.removeItem(atPath: saved) }
        let run = harness.run(
            ["call", sample.callId, "--source", "json", "--save", saved, "--format", "json"] + Self.window(sample)
        )
        #expect(run.status == 0, "\(run.stderr)")
        let served = try Data(contentsOf: URL(fileURLWithPath: CLI.path("samples/api/\(sample.files["json"] ?? "")")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: saved)) == served)
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let calls = try #require(document?["calls"] as? [[String: Any]])
        #expect(calls.contains { $0["callId"] as? String == sample.callId })
    }

    @Test(arguments: ["pcap", "json", "transaction", "text"])
    func fetchWritesTheBytesUnchanged(_ format: String) throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let sample = try #require(try Self.samples().first)
        let served = try Data(contentsOf: URL(fileURLWithPath: CLI.path("samples/api/\(sample.files[format] ?? "")")))
        let output = CLI.temporaryPath(".\(format)")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = harness.run(["fetch", sample.callId, "--format", format, "-o", output] + Self.window(sample))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == served)
        #expect(run.stderr.contains("\(served.count) bytes (\(format))"))
        #expect(harness.server.requests.last?.query("format") == format)
        // The same download, read back by a local command, gives the call.
        let calls = CLI.run(["calls", output])
        #expect(calls.status == 0)
        #expect(calls.stdout.contains(sample.callId))
    }

    @Test func fetchToStandardOutputWhenItIsNotATerminal() throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let sample = try #require(try Self.samples().first)
        let run = harness.run(["fetch", sample.callId, "--format", "text"] + Self.window(sample))
        #expect(run.status == 0)
        let served = try String(contentsOfFile: CLI.path("samples/api/\(sample.files["text"] ?? "")"), encoding: .utf8)
        #expect(run.stdout == served)
    }

    @Test func aCallOutsideTheWindowIsNotFoundAndTheMessageSaysWhichWindow() throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let sample = try #require(try Self.samples().first)
        let run = harness.run(["call", sample.callId, "--from", "2020-01-01T00:00:00Z", "--to", "2020-01-02T00:00:00Z"])
        #expect(run.status == 66)
        #expect(run.stderr.contains(sample.callId))
        #expect(run.stderr.contains("2020-01-01T00:00:00"))
        #expect(run.stderr.contains("--from"))
    }

    @Test func failuresHaveTheirExitCodes() throws {
        let harness = try Harness()
        defer { harness.server.stop() }
        let sample = try #require(try Self.samples().first)
        let arguments = ["fetch", sample.callId, "-o", CLI.temporaryPath(".pcap")] + Self.window(sample)

        harness.server.inject(.unauthorized, path: Self.capturesPath)
        let rejected = harness.run(arguments)
        #expect(rejected.status == 77)
        #expect(rejected.stderr.contains("VIDA_API_TOKEN"))

        harness.server.inject(.htmlBody, path: Self.capturesPath)
        let html = harness.run(["call", sample.callId] + Self.window(sample))
        #expect(html.status == 65)
        #expect(html.stderr.contains("HTML"))

        harness.server.inject(.rateLimited(retryAfter: 3600), path: Self.capturesPath)
        let limited = harness.run(arguments)
        #expect(limited.status == 69)

        // One 500, then the retry succeeds.
        harness.server.inject(.serverError(500), path: Self.capturesPath)
        harness.server.resetRequests()
        let retried = harness.run(arguments)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(harness.requests("GET", "/api/v2/sip/captures") == 2)
    }

    @Test func aClosedPortIsServiceUnavailable() throws {
        let harness = try Harness(captures: false)
        let url = harness.server.baseURL.absoluteString
        harness.server.stop()
        let stdout = OutputSink()
        let stderr = OutputSink()
        let status = SIPDiagCommand.run(
            arguments: ["whitelist", "list", "--api-url", url, "--token-file", harness.tokenFile],
            stdout: stdout,
            stderr: stderr
        )
        #expect(status == 69)
        #expect(stderr.text.contains("127.0.0.1"))
    }

    @Test func aTokenFileOthersCanReadIsRefused() throws {
        let harness = try Harness(captures: false)
        defer { harness.server.stop() }
        chmod(harness.tokenFile, 0o644)
        let run = harness.run(["whitelist", "list"])
        #expect(run.status == 78)
        #expect(run.stderr.contains("chmod 600"))
        #expect(harness.server.requests.isEmpty)
    }

    @Test func badArgumentsAreRefusedBeforeAnythingIsSent() throws {
        let harness = try Harness(captures: false)
        defer { harness.server.stop() }
        for arguments in [
            ["whitelist", "add", "300.1.2.3", "--label", "x"],
            ["whitelist", "add", "203.0.113.7"],
            ["whitelist", "remove"],
            ["whitelist", "purge"],
            ["routes", "add", "pbx.example.com:99999"],
            ["routes", "add", "pbx.example.com;transport=sctp"],
            ["registration", "set", "--aor", "no-domain", "--password-file", harness.tokenFile],
            ["registration", "show", "--aor", "1001@sip.example.com"],
            ["call", "has space", "--from", "1h"],
            ["fetch", "abc", "--from", "yesterday", "-o", "-"],
        ] {
            let run = harness.run(arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("Error: "), "\(arguments)")
        }
        #expect(harness.server.requests.isEmpty)
    }

    // MARK: - whitelist

    @Test func whitelistListAddAndRemove() throws {
        let harness = try Harness(captures: false)
        defer { harness.server.stop() }
        harness.server.seedWhitelist(ip: "198.51.100.4", label: "Office PBX", timestamp: 1_678_829_072)

        let list = harness.run(["whitelist", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("198.51.100.4  Office PBX  2023-03-14T21:24:32Z"))

        let added = harness.run(["whitelist", "add", "203.0.113.7", "--label", "Branch PBX"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("added: 203.0.113.7 (Branch PBX)"))
        #expect(added.stdout.contains("2 whitelist entries now; the API said: "))
        #expect(harness.server.whitelistIPs == ["198.51.100.4", "203.0.113.7"])

        let again = harness.run(["whitelist", "add", "203.0.113.7", "--label", "Branch PBX"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already whitelisted"))
        #expect(harness.requests("POST", "/api/v2/sip/ipWhitelist") == 1)

        let unconfirmed = harness.run(["whitelist", "remove", "203.0.113.7"])
        #expect(unconfirmed.status == 64)
        #expect(unconfirmed.stderr.contains("--yes"))
        let declined = harness.run(["whitelist", "remove", "203.0.113.7"], answers: ["n"])
        #expect(declined.status == 1)
        #expect(harness.requests("DELETE", "/api/v2/sip/ipWhitelist") == 0)
        #expect(harness.server.whitelistIPs.count == 2)

        let removed = harness.run(["whitelist", "remove", "203.0.113.7", "--format", "json"], answers: ["y"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(harness.server.whitelistIPs == ["198.51.100.4"])
        let document = try JSONSerialization.jsonObject(with: Data(removed.stdout.utf8)) as? [String: Any]
        let change = try #require(document?["change"] as? [String: Any])
        #expect(change["removed"] as? [String] == ["203.0.113.7 (Branch PBX)"])
        #expect((document?["whitelist"] as? [[String: Any]])?.map { $0["ip"] as? String } == ["198.51.100.4"])

        let unknown = harness.run(["whitelist", "remove", "192.0.2.1", "--yes"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("198.51.100.4"))
    }

    // MARK: - routes

    @Test func routesListAddAndRemove() throws {
        let harness = try Harness(captures: false)
        defer { harness.server.stop() }
        harness.server.seedRoute("203.0.113.10:5060;transport=udp")

        let added = harness.run(["routes", "add", "PBX.example.com:5061;transport=TLS"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("added: pbx.example.com:5061;transport=tls"))
        #expect(harness.server.routes == ["203.0.113.10:5060;transport=udp", "pbx.example.com:5061;transport=tls"])

        let list = harness.run(["routes", "list"])
        #expect(list.stdout.contains("pbx.example.com  5061  tls"))

        let removed = harness.run(["routes", "remove", "203.0.113.10:5060;transport=UDP", "--yes"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("removed: 203.0.113.10:5060;transport=udp"))
        #expect(removed.stdout.contains("1 outbound route now; the API said: "))
        #expect(harness.server.routes == ["pbx.example.com:5061;transport=tls"])
        // The body named the route as it was stored.
        let body = try #require(harness.server.requests.last { $0.method == "DELETE" }?.bodyText)
        #expect(body.contains("203.0.113.10:5060;transport=udp"))
    }

    // MARK: - registration

    @Test func registrationSetShowAndDelete() throws {
        let harness = try Harness(captures: false)
        defer { harness.server.stop() }
        let password = "pa55-w0rd"
        let passwordFile = CLI.temporaryPath(".password")
        try Data(password.utf8).write(to: URL(fileURLWithPath: passwordFile))
        defer { try? FileManager.default.removeItem(atPath: passwordFile) }

        let none = harness.run(["registration", "show"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("No SIP registration"))

        let missingPassword = harness.run(["registration", "set", "--aor", "1001@sip.example.com"])
        #expect(missingPassword.status == 64)

        let created = harness.run([
            "registration", "set", "--aor", "1001@sip.example.com", "--password-file", passwordFile, "--proxy",
            "sip.example.com:5061", "--transport", "tls",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("aor: (none) -> 1001@sip.example.com"))
        #expect(created.stdout.contains("port: (none) -> 5060"))
        #expect(!created.stdout.contains("(not set)"))
        #expect(created.stdout.contains("password: sent (not shown)"))
        #expect(!created.stdout.contains(password))
        #expect(harness.server.registrationAOR == "1001@sip.example.com")
        #expect(harness.server.registrationPassword == password)
        let post = try #require(harness.server.requests.last { $0.method == "POST" })
        #expect(post.header("authorization") == Self.token)

        let shown = harness.run(["registration", "show", "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        let registration = try #require(document?["registration"] as? [String: Any])
        #expect(registration["proxy"] as? String == "sip.example.com:5061")
        #expect(registration["username"] as? String == "1001")

        let warned = harness.run(["registration", "set", "--port", "5060", "--password-file", passwordFile, "--yes"])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.contains("TLS on port 5060"))
        // The API's default port was already 5060: nothing but the password changed.
        #expect(warned.stdout.hasPrefix("no field changed\npassword: sent (not shown)\n"))

        let moved = harness.run(["registration", "set", "--port", "5061", "--password-file", passwordFile, "--yes"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.hasPrefix("port: 5060 -> 5061\npassword: sent (not shown)\n"))
        #expect(!moved.stderr.contains("warning"))

        let unconfirmed = harness.run(["registration", "delete"])
        #expect(unconfirmed.status == 64)
        let deleted = harness.run(["registration", "delete"], answers: ["yes"])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(deleted.stdout.contains("deleted"))
        #expect(harness.server.registrationAOR == nil)
    }

    @Test func aDuplicateAORIsAConflict() throws {
        let harness = try Harness(captures: false)
        defer { harness.server.stop() }
        harness.server.reserveAOR("2002@sip.example.com")
        let passwordFile = CLI.temporaryPath(".password")
        try Data("x".utf8).write(to: URL(fileURLWithPath: passwordFile))
        defer { try? FileManager.default.removeItem(atPath: passwordFile) }
        let run = harness.run(["registration", "set", "--aor", "2002@sip.example.com", "--password-file", passwordFile])
        #expect(run.status == 65)
        #expect(run.stderr.contains("Duplicate AOR"))
        #expect(harness.requests("POST", "/api/v2/sip/registration") == 1)
    }
}
