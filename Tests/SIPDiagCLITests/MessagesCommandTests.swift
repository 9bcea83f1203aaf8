import Foundation
import SIPDiagCLI
import Testing

@Suite struct MessagesCommandTests {
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
    static func capture(_ payloads: [[UInt8]] = [invite, ok]) -> [UInt8] {
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func packet(_ payload: [UInt8], from source: UInt8, to destination: UInt8) -> [UInt8] {
            let udpLength = 8 + payload.count
            let udp: [UInt8] = [0x13, 0xC4, 0x13, 0xC4, UInt8(udpLength >> 8), UInt8(udpLength & 0xFF), 0, 0] + payload
            let total = 20 + udp.count
            return [0x45, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, source]
                + [192, 0, 2, destination] + udp
        }
        var file: [UInt8] = [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0] + le32(0) + le32(0) + le32(65535) + le32(101)
        for (index, payload) in payloads.enumerated() {
            let bytes = packet(payload, from: UInt8(1 + index % 2), to: UInt8(2 - index % 2))
            let seconds = UInt32(1_700_000_000 + index * 3 / 2)
            let micros = UInt32(index % 2 * 500_000)
            file += le32(seconds) + le32(micros) + le32(UInt32(bytes.count)) + le32(UInt32(bytes.count)) + bytes
        }
        return file
    }

    @Test func textListsMessagesInAlignedColumns() throws {
        let path = try Self.temporaryFile(Self.capture())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLI.run(["messages", path])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(
            result.stdout == """
                Times are seconds since the first item, at 2023-11-14T22:13:20.000000Z.
                   No.  Time       Source            Destination     Proto  Frames  Message  Call-ID  CSeq
                     1  +0.000000  192.0.2.1:5060 -> 192.0.2.2:5060  udp    1       INVITE   a@b      1 INVITE
                     2  +1.500000  192.0.2.2:5060 -> 192.0.2.1:5060  udp    2       200 OK   a@b      1 INVITE

                2 SIP messages in 2 records (pcap)

                """
        )
    }

    @Test func jsonLinesHaveAFixedShape() throws {
        let path = try Self.temporaryFile(Self.capture())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLI.run(["messages", "--format", "jsonl", path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(
            lines.first
                == #"{"type":"message","time":"2023-11-14T22:13:20.000000Z","src":"192.0.2.1:5060","dst":"192.0.2.2:5060","transport":"udp","method":"INVITE","status":null,"reason":null,"callId":"a@b","cseq":"1 INVITE","frames":[1],"index":1,"timeNs":1700000000000000000,"length":87,"notes":[]}"#
        )
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["type"] as? String == "message")
        }
        let response = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(response?["status"] as? Int == 200)
        #expect(response?["reason"] as? String == "OK")
        #expect(response?["method"] is NSNull)
    }

    @Test func truncatedCaptureKeepsMessagesAndWarnsWithOffset() throws {
        let capture = Self.capture()
        let path = try Self.temporaryFile(Array(capture.dropLast(5)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLI.run(["messages", "--format=jsonl", path])
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
        let result = CLI.run(["messages", "--format", "jsonl", path])
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
        let result = CLI.run(["messages", path])
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "Error: \(path): the capture API answered with an error: Invalid token\n"
        )
    }

    @Test func callIDFilterKeepsOnlyThatCall() throws {
        let otherCall = Array(
            "OPTIONS sip:b@example.com SIP/2.0\r\nCall-ID: z@b\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n".utf8
        )
        let path = try Self.temporaryFile(Self.capture([Self.invite, otherCall]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLI.run(["messages", "--format", "jsonl", "--call-id", "a@b", path])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stdout.contains(#""method":"INVITE""#))
    }

    static let pastedText = """
        INVITE sip:bob@example.com SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK74bf9
        Max-Forwards: 70
        To: <sip:bob@example.com>
        From: <sip:alice@example.com>;tag=1
        Call-ID: paste-1@example.com
        CSeq: 00001 INVITE
        Content-Length: 4

        body

        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK74bf9
        To: <sip:bob@example.com>;tag=2
        Call-ID: paste-1@example.com
        CSeq: 1 INVITE
        Content-Length: 0


        """

    @Test func pastedTextIsReadAsMessagesWithoutNetworkDetails() throws {
        let path = try Self.temporaryFile(Array(Self.pastedText.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLI.run(["messages", "--format", "jsonl", path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(
            lines.first
                == #"{"type":"message","time":null,"src":null,"dst":null,"transport":null,"method":"INVITE","status":null,"reason":null,"callId":"paste-1@example.com","cseq":"1 INVITE","frames":[1],"index":1,"timeNs":null,"length":232,"notes":["read from text: no time, addresses or transport"]}"#
        )
    }

    @Test func validateListsViolationsAndExits1() throws {
        let path = try Self.temporaryFile(Array(Self.pastedText.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLI.run(["messages", "--validate", path])
        #expect(result.status == 1)
        // The request is valid (LF line ends come from pasting, not from the wire); the
        // response lacks From (RFC 3261 section 8.2.6.2).
        #expect(result.stdout.contains("        ! missing required header: From (RFC 3261 section 8.2.6.2)\n"))
        #expect(result.stdout.components(separatedBy: "        ! ").count == 2)
        #expect(result.stderr == "1 RFC 3261 violation found\n")
    }

    @Test func missingFileExits66() {
        let result = CLI.run(["messages", "/nonexistent/capture.pcap"])
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
        let result = CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix(message + "\nUsage: sipdiag "))
    }

    @Test func helpAndVersionGoToStdout() {
        let help = CLI.run(["messages", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: List the SIP messages in a capture"))
        #expect(
            help.stdout.contains("USAGE: sipdiag messages <capture> [--format <format>] [--call-id <id>] [--validate]")
        )
        #expect(CLI.run(["help", "messages"]).stdout == help.stdout)
        let overview = CLI.run(["--help"])
        #expect(overview.stdout.contains("SUBCOMMANDS:\n  analyze"))
        #expect(overview.stdout.contains("\n  messages "))
        #expect(CLI.run(["--version"]).stdout == SIPDiagCommand.version + "\n")
    }
}
