import Foundation
import SIPDiagCLI
import Testing

@Suite struct MessagesCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) -> Run {
        let stdout = OutputSink()
        let stderr = OutputSink()
        let status = SIPDiagCommand.run(arguments: arguments, stdout: stdout, stderr: stderr)
        return Run(status: status, stdout: stdout.text, stderr: stderr.text)
    }

    /// A temporary file holding `bytes`, removed when the test ends.
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sipdiag-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let invite = Array(
        "INVITE sip:bob@example.com SIP/2.0\r\nCall-ID: a@b\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n".utf8
    )
    static let ok = Array("SIP/2.0 200 OK\r\nCall-ID: a@b\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n".utf8)

    /// A raw-IP pcap (link type 101) with two UDP messages, 1.5 s apart.
    static func capture() -> [UInt8] {
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func packet(_ payload: [UInt8], from source: UInt8, to destination: UInt8) -> [UInt8] {
            let udpLength = 8 + payload.count
            let udp: [UInt8] = [0x13, 0xC4, 0x13, 0xC4, UInt8(udpLength >> 8), UInt8(udpLength & 0xFF), 0, 0] + payload
            let total = 20 + udp.count
            return [0x45, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, source]
                + [192, 0, 2, destination] + udp
        }
        var file: [UInt8] = [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0] + le32(0) + le32(0) + le32(65535) + le32(101)
        for (seconds, micros, bytes) in [
            (UInt32(1_700_000_000), UInt32(0), packet(invite, from: 1, to: 2)),
            (1_700_000_001, 500_000, packet(ok, from: 2, to: 1)),
        ] {
            file += le32(seconds) + le32(micros) + le32(UInt32(bytes.count)) + le32(UInt32(bytes.count)) + bytes
        }
        return file
    }

    @Test func textListsMessagesInAlignedColumns() throws {
        let path = try Self.temporaryFile(Self.capture())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["messages", path])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(
            result.stdout == """
                Times are seconds since the first item, at 2023-11-14T22:13:20.000000Z.
                   No.  Time         Source            Destination     Proto  Records  Message
                     1  +0.000000    192.0.2.1:5060 -> 192.0.2.2:5060  udp    1        INVITE sip:bob@example.com SIP/2.0
                     2  +1.500000    192.0.2.2:5060 -> 192.0.2.1:5060  udp    2        SIP/2.0 200 OK

                2 SIP messages in 2 records (pcap)

                """
        )
    }

    @Test func jsonLinesHaveAFixedShape() throws {
        let path = try Self.temporaryFile(Self.capture())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["messages", "--format", "jsonl", path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(
            lines.first
                == #"{"type":"message","index":1,"time":"2023-11-14T22:13:20.000000000Z","timeNs":1700000000000000000,"src":{"ip":"192.0.2.1","port":5060},"dst":{"ip":"192.0.2.2","port":5060},"transport":"udp","records":[1],"length":87,"startLine":"INVITE sip:bob@example.com SIP/2.0","notes":[]}"#
        )
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["type"] as? String == "message")
        }
    }

    @Test func truncatedCaptureKeepsMessagesAndWarnsWithOffset() throws {
        let capture = Self.capture()
        let path = try Self.temporaryFile(Array(capture.dropLast(5)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["messages", "--format=jsonl", path])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr.hasPrefix("warning: file ends inside record 2: "))
        #expect(result.stderr.contains("(record 2, byte offset \(24 + 16 + 20 + 8 + Self.invite.count))"))
    }

    @Test func corruptRecordStopsWithExit65AfterTheMessagesBeforeIt() throws {
        var capture = Self.capture()
        let secondRecord = 24 + 16 + 20 + 8 + Self.invite.count
        // An impossible captured length (0x7fffffff) in the second record header.
        capture.replaceSubrange((secondRecord + 8)..<(secondRecord + 12), with: [0xFF, 0xFF, 0xFF, 0x7F])
        let path = try Self.temporaryFile(capture)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["messages", "--format", "jsonl", path])
        #expect(result.status == 65)
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(
            result.stderr
                == "Error: \(path): record length 2147483647 exceeds the maximum of 262144 bytes; the file is "
                + "corrupt from here on (record 2, byte offset \(secondRecord))\n"
        )
    }

    @Test func notACaptureSaysWhatItIs() throws {
        let path = try Self.temporaryFile(Array(#"{"success":false,"message":"Invalid token"}"#.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["messages", path])
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "Error: \(path): not a pcap or pcapng capture: the input looks like JSON text with top-level keys "
                + "success, message (byte offset 0)\n"
        )
    }

    @Test func missingFileExits66() {
        let result = Self.run(["messages", "/nonexistent/capture.pcap"])
        #expect(result.status == 66)
        #expect(result.stderr == "Error: no such file: /nonexistent/capture.pcap\n")
    }

    @Test(arguments: [
        (["messages"], "Error: missing expected argument '<capture>'"),
        (
            ["messages", "a.pcap", "--format", "xml"],
            "Error: invalid value 'xml' for --format: expected one of text, jsonl"
        ),
        (["messages", "a.pcap", "--frobnicate"], "Error: unknown option '--frobnicate'"),
        (["messages", "a.pcap", "b.pcap"], "Error: unexpected argument 'b.pcap'"),
        (["messages", "a.pcap", "--format"], "Error: missing value for --format"),
        (["bogus"], "Error: unknown subcommand 'bogus'"),
    ])
    func usageErrorsExit64WithUsageLine(arguments: [String], message: String) {
        let result = Self.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix(message + "\nUsage: sipdiag "))
    }

    @Test func helpAndVersionGoToStdout() {
        let help = Self.run(["messages", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: List the SIP messages in a capture"))
        #expect(help.stdout.contains("USAGE: sipdiag messages <capture> [--format <format>]"))
        #expect(Self.run(["help", "messages"]).stdout == help.stdout)
        let overview = Self.run(["--help"])
        #expect(overview.stdout.contains("SUBCOMMANDS:\n  messages"))
        #expect(Self.run(["--version"]).stdout == SIPDiagCommand.version + "\n")
    }
}
