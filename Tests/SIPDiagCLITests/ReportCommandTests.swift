import Foundation
import SIPCapture
import Testing
import VidaTestServer

@testable import SIPDiagCLI

/// `sipdiag report`: the three kinds of file, their stability, and that no secret survives.
@Suite struct ReportCommandTests {
    static let fixedTime = "2026-01-01T00:00:00Z"
    static let notWhitelisted = CLI.path("samples/failures/not-whitelisted.pcap")
    static let account = CLI.path("samples/account.json")
    static let secretsCapture = CLI.path("samples/secrets/call-with-credentials.pcap")

    /// Runs `report` with `arguments` into a fresh file of `suffix`; the run and the file's bytes.
    static func report(_ arguments: [String], suffix: String) throws -> (run: CLI.Run, bytes: [UInt8]) {
        let output = CLI.temporaryPath(suffix)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = CLI.run(["report"] + arguments + ["-o", output])
        let data = (try? Data(contentsOf: URL(fileURLWithPath: output))) ?? Data()
        return (run, Array(data))
    }

    // MARK: - Golden reports

    @Test func htmlAndMarkdownMatchTheirGoldenFiles() throws {
        for (suffix, golden) in [(".html", "report-not-whitelisted.html"), (".md", "report-not-whitelisted.md")] {
            let (run, bytes) = try Self.report(
                [Self.notWhitelisted, "--account", Self.account, "--fixed-time", Self.fixedTime],
                suffix: suffix
            )
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("1 call, "))
            try CLI.expectGolden(String(decoding: bytes, as: UTF8.self), golden)
        }
    }

    @Test func theSameInputGivesTheSameBytesAndOnlyTheTimeChangesWithIt() throws {
        for suffix in [".html", ".md", ".zip"] {
            let arguments = [Self.notWhitelisted, "--account", Self.account, "--redact-pii"]
            let first = try Self.report(arguments + ["--fixed-time", Self.fixedTime], suffix: suffix)
            let second = try Self.report(arguments + ["--fixed-time", "1767225600"], suffix: suffix)
            let later = try Self.report(arguments + ["--fixed-time", "2026-06-30T12:00:00Z"], suffix: suffix)
            #expect(first.run.status == 0, "\(first.run.stderr)")
            #expect(!first.bytes.isEmpty)
            #expect(first.bytes == second.bytes, "\(suffix): 2026-01-01T00:00:00Z is 1767225600")
            #expect(first.bytes != later.bytes)
            if suffix != ".zip" {
                let text = String(decoding: later.bytes, as: UTF8.self)
                    .replacing("2026-06-30T12:00:00Z", with: Self.fixedTime)
                #expect(Array(text.utf8) == first.bytes, "\(suffix): only the time differs")
            }
        }
    }

    @Test func sourceDateEpochPinsTheTimeAndFixedTimeWins() throws {
        let pinned = try ReportCommand.generationTime(
            ParsedArguments([], ReportCommand.specification),
            environment: ["SOURCE_DATE_EPOCH": "1767225600"]
        )
        #expect(pinned.rfc3339(fractionDigits: 0) == Self.fixedTime)
        let overridden = try ReportCommand.generationTime(
            ParsedArguments(["--fixed-time", "2026-06-30T12:00:00Z"], ReportCommand.specification),
            environment: ["SOURCE_DATE_EPOCH": "1767225600"]
        )
        #expect(overridden.rfc3339(fractionDigits: 0) == "2026-06-30T12:00:00Z")
        #expect(throws: UsageError.self) {
            try ReportCommand.generationTime(
                ParsedArguments([], ReportCommand.specification),
                environment: ["SOURCE_DATE_EPOCH": "yesterday"]
            )
        }
    }

    // MARK: - The zip

    @Test func theZipHoldsBothReportsAndTheCallsPcapAndUnzipAcceptsIt() throws {
        let arguments = [Self.notWhitelisted, "--account", Self.account, "--fixed-time", Self.fixedTime]
        let zip = try Self.report(arguments, suffix: ".zip")
        let html = try Self.report(arguments, suffix: ".html")
        let markdown = try Self.report(arguments, suffix: ".md")
        #expect(zip.run.status == 0, "\(zip.run.stderr)")
        #expect(zip.run.stderr.contains("(report.html, report.md, calls.pcap, account.json)"))
        let path = CLI.temporaryPath(".zip")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(zip.bytes).write(to: URL(fileURLWithPath: path))
        let test = try Unzip.run(["-t", path])
        #expect(test.status == 0, "unzip -t: \(test.output)")
        #expect(test.output.contains("No errors detected"))
        #expect(try Unzip.entries(of: path) == ["report.html", "report.md", "calls.pcap", "account.json"])
        #expect(
            try Unzip.extract("account.json", from: path)
                == Array(try Data(contentsOf: URL(fileURLWithPath: Self.account)))
        )
        #expect(try Unzip.extract("report.html", from: path) == html.bytes)
        #expect(try Unzip.extract("report.md", from: path) == markdown.bytes)
        // The pcap holds the call's own messages: sipdiag reads the same call back from it.
        let pcap = try Unzip.extract("calls.pcap", from: path)
        let original = CLI.run(["calls", Self.notWhitelisted])
        let pcapPath = CLI.temporaryPath(".pcap")
        defer { try? FileManager.default.removeItem(atPath: pcapPath) }
        try Data(pcap).write(to: URL(fileURLWithPath: pcapPath))
        let reread = CLI.run(["calls", pcapPath])
        #expect(reread.status == 0, "\(reread.stderr)")
        #expect(reread.stdout == original.stdout)
    }

    // MARK: - Secrets and personal data

    /// The secrets `scripts/samples/make-secrets-sample.sh` planted in the capture.
    struct Secret: Decodable {
        var kind: String
        var value: String
    }

    static func secrets() throws -> [Secret] {
        let data = try Data(contentsOf: URL(fileURLWithPath: CLI.path("samples/secrets/secrets.json")))
        return try JSONDecoder().decode([Secret].self, from: data)
    }

    /// Every spelling of `secret` that an output could carry: as it is, percent-encoded, and in
    /// base64 at each of the three alignments it can take inside a longer encoded text (the
    /// characters that depend on the neighbours left out).
    static func spellings(of secret: String) -> [String] {
        var forms = [secret]
        // RFC 3986 section 2.3: the unreserved characters stay as they are.
        let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        if let escaped = secret.addingPercentEncoding(withAllowedCharacters: unreserved) { forms.append(escaped) }
        let bytes = Array(secret.utf8)
        for offset in 0..<3 {
            let padded = [UInt8](repeating: 0, count: offset) + bytes
            let encoded = Data(padded).base64EncodedString()
            // Skip the characters that hold the padding bytes, and the last group's partial ones.
            let start = (offset * 4 + 2) / 3
            let end = (padded.count / 3) * 4
            guard end - start >= 8 else { continue }
            let characters = Array(encoded)
            forms.append(String(characters[start..<end]))
        }
        return forms
    }

    /// The text with its line breaks removed: base64 bodies are wrapped at 76 columns, so an
    /// encoded secret may straddle a line end.
    static func unwrapped(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: bytes.filter { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
    }

    @Test(arguments: [".html", ".md", ".zip"], [false, true])
    func noSecretSurvivesInAnyOutput(suffix: String, redactingPersonalData: Bool) throws {
        let secrets = try Self.secrets()
        #expect(secrets.count >= 8)
        // The secrets are really in the input, in one of the spellings looked for.
        let input = Self.unwrapped(try Data(contentsOf: URL(fileURLWithPath: Self.secretsCapture)))
        for secret in secrets {
            #expect(
                Self.spellings(of: secret.value).contains { input.contains($0) },
                "\(secret.kind) \(secret.value) not in the input"
            )
        }
        var arguments = [Self.secretsCapture, "--fixed-time", Self.fixedTime]
        if redactingPersonalData { arguments.append("--redact-pii") }
        let (run, bytes) = try Self.report(arguments, suffix: suffix)
        #expect(run.status == 0, "\(run.stderr)")
        var outputs = [("the \(suffix) file", bytes)]
        if suffix == ".zip" {
            let path = CLI.temporaryPath(".zip")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            for name in try Unzip.entries(of: path) { outputs.append((name, try Unzip.extract(name, from: path))) }
            #expect(outputs.count == 4)
        }
        for (name, output) in outputs {
            let text = Self.unwrapped(output)
            for secret in secrets {
                for spelling in Self.spellings(of: secret.value) {
                    #expect(!text.contains(spelling), "\(secret.kind) '\(spelling)' survives in \(name)")
                }
            }
            // The messages are still there, marked where secrets were.
            #expect(text.contains("REDACTED-DIGEST-RESPONSE"), "\(name)")
            #expect(text.contains("REDACTED-SRTP-KEY"), "\(name)")
            #expect(text.contains("INVITE"), "\(name)")
        }
    }

    @Test func theAccountFileInTheZipHasItsPasswordsMarked() throws {
        let accountFile = CLI.temporaryPath(".json")
        defer { try? FileManager.default.removeItem(atPath: accountFile) }
        let account =
            #"{"whitelist": [{"ip": "198.51.100.4"}], "registration": {"aor": "1001@sip.example.com", "password": "Pa$$w0rd-Contact"}}"#
        try Data(account.utf8).write(to: URL(fileURLWithPath: accountFile))
        let (run, bytes) = try Self.report(
            [Self.secretsCapture, "--account", accountFile, "--fixed-time", Self.fixedTime],
            suffix: ".zip"
        )
        #expect(run.status == 0, "\(run.stderr)")
        let path = CLI.temporaryPath(".zip")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let saved = String(decoding: try Unzip.extract("account.json", from: path), as: UTF8.self)
        #expect(saved == account.replacing("Pa$$w0rd-Contact", with: "REDACTED-PASSWORD"))
        #expect(run.stderr.contains("1 password (REDACTED-PASSWORD)"))
    }

    @Test func personalDataIsReplacedConsistentlyAndWhatSupportNeedsStays() throws {
        let (run, bytes) = try Self.report(
            [Self.secretsCapture, "--redact-pii", "--fixed-time", Self.fixedTime],
            suffix: ".md"
        )
        #expect(run.status == 0, "\(run.stderr)")
        let text = String(decoding: bytes, as: UTF8.self)
        for original in ["198.51.100.4", "198.51.100.20", "+15551230001", "+15559870002", "Alice Example", "1001@"] {
            #expect(!text.contains(original), "\(original) survives")
        }
        for kept in ["240.0.0.1:5060", "240.0.0.2:5060", "Name 1", "number-1", "INVITE", "407", "REGISTER", "UDP"] {
            #expect(text.contains(kept), "\(kept) is missing")
        }
        #expect(text.contains("Personal data replaced consistently"))
    }

    // MARK: - From the API

    @Test func aReportByCallIDFetchesTheCaptureAndTheAccountAndShowsNoToken() throws {
        let harness = try APICommandTests.Harness()
        defer { harness.server.stop() }
        let sample = try #require(try APICommandTests.samples().first)
        let output = CLI.temporaryPath(".zip")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = harness.run(
            ["report", "--call-id", sample.callId, "-o", output, "--source", "json", "--fixed-time", Self.fixedTime]
                + APICommandTests.window(sample)
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(harness.requests("GET", APICommandTests.capturesPath) == 1)
        // The account's configuration is read too, and goes into the zip.
        #expect(harness.requests("GET", "/api/v2/sip/ipWhitelist") == 1)
        #expect(try Unzip.entries(of: output) == ["report.html", "report.md", "calls.pcap", "account.json"])
        let html = String(decoding: try Unzip.extract("report.html", from: output), as: UTF8.self)
        #expect(html.contains(sample.callId))
        #expect(html.contains("the json capture of Call-ID \(sample.callId) from the Vida API"))
        let everything = String(decoding: try Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)
        for secret in [APICommandTests.token, "s3cr3t"] { #expect(!everything.contains(secret)) }
        // --no-account: no configuration read, no account.json.
        harness.server.resetRequests()
        let bare = harness.run(
            ["report", "--call-id", sample.callId, "-o", output, "--no-account"] + APICommandTests.window(sample)
        )
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(harness.requests("GET", "/api/v2/sip/ipWhitelist") == 0)
        #expect(try Unzip.entries(of: output) == ["report.html", "report.md", "calls.pcap"])
    }

    // MARK: - Arguments

    @Test func badArgumentsAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["report", Self.notWhitelisted], "-o <file> is required"),
            (["report", Self.notWhitelisted, "-o", "/tmp/x.pdf"], "must end in .html, .md or .zip"),
            (["report", Self.notWhitelisted, "-o", "/tmp/x.html", "--from", "1h"], "--from is for fetching"),
            (["report", Self.notWhitelisted, "-o", "/tmp/x.html", "--no-account"], "--no-account is for fetching"),
            (["report", "-o", "/tmp/x.html"], "give a capture file, or one --call-id"),
            (["report", "-o", "/tmp/x.html", "--call-id", "a", "--call-id", "b"], "give one --call-id"),
            (["report", Self.notWhitelisted, "-o", "/tmp/x.md", "--fixed-time", "soon"], "is not a time"),
        ]
        for (arguments, message) in cases {
            let run = CLI.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }

    @Test func anUnknownCallOrAMissingFileIsReportedAndNothingIsWritten() throws {
        let output = CLI.temporaryPath(".html")
        let unknown = CLI.run(["report", Self.notWhitelisted, "--call-id", "nope", "-o", output])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no call with Call-ID nope"))
        let missing = CLI.run(["report", "/nonexistent/capture.pcap", "-o", output])
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: output))
        let unwritable = CLI.run(["report", Self.notWhitelisted, "-o", "/nonexistent/dir/report.html"])
        #expect(unwritable.status == 66)
        #expect(unwritable.stderr.contains("cannot write /nonexistent/dir/report.html"))
    }
}

/// Info-ZIP's unzip, the reference the zip must satisfy (`.ci/run` installs it).
enum Unzip {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, bytes: [UInt8]) {
        let executable = "/usr/bin/unzip"
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Failure(description: "unzip is not installed: apt-get install unzip (.ci/run does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), Array(data))
    }

    /// The entry names, in the archive's order (`unzip -Z1`).
    static func entries(of path: String) throws -> [String] {
        try run(["-Z1", path]).output.split(separator: "\n").map(String.init)
    }

    static func extract(_ name: String, from path: String) throws -> [UInt8] {
        let result = try run(["-p", path, name])
        guard result.status == 0 else { throw Failure(description: "unzip -p \(name): \(result.output)") }
        return result.bytes
    }
}
