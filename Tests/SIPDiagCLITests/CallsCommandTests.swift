import Foundation
import SIPDiagCLI
import SIPDiagnostics
import Testing

/// `sipdiag calls` on the bundled sample: two answered calls and a busy one (SIPp over UDP).
@Suite struct CallsCommandTests {
    let sample = CLI.path("samples/call-udp.pcap")

    @Test func textTableIsTheGoldenOne() throws {
        let result = CLI.run(["calls", sample])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        try CLI.expectGolden(result.stdout, "calls-sample.txt")
    }

    @Test func jsonFollowsTheContract() throws {
        let result = CLI.run(["calls", sample, "--format", "json"])
        #expect(result.status == 0)
        let calls = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(calls.count == 3)
        let first = try #require(calls.first)
        for key in [
            "callId", "kind", "from", "to", "state", "finalStatus", "startTime", "endTime", "messageCount",
            "retransmissions", "metrics",
        ] {
            #expect(first[key] != nil, "missing \(key)")
        }
        #expect(first["callId"] as? String == "udp4-call-1@sipdiag.test")
        #expect(first["kind"] as? String == "call")
        #expect(first["state"] as? String == "answered")
        #expect(first["finalStatus"] as? Int == 200)
        #expect(first["messageCount"] as? Int == 7)
        #expect(first["startTime"] as? String == "2026-11-22T02:52:34.630590Z")
        let metrics = try #require(first["metrics"] as? [String: Any])
        for key in ["tryingMs", "pddMs", "answerMs", "ringMs", "sddMs", "durationMs", "rrdMs"] {
            #expect(metrics.keys.contains(key), "missing metrics.\(key)")
        }
        #expect(metrics["pddMs"] as? Double == 3.506)
        #expect(metrics["rrdMs"] is NSNull)
        let busy = try #require(calls.last)
        #expect(busy["state"] as? String == "busy")
        #expect(busy["finalStatus"] as? Int == 486)
        #expect((busy["metrics"] as? [String: Any])?["durationMs"] is NSNull)
    }

    @Test func csvHasAHeaderAndOneRowPerCall() {
        let result = CLI.run(["calls", sample, "--format", "csv"])
        let lines = result.stdout.split(separator: "\r\n")
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("callId,kind,method,from,to,state,finalStatus") == true)
        #expect(lines.last?.hasPrefix("udp4-busy-1@sipdiag.test,call,INVITE,sip:alice@127.0.0.10:5070,") == true)
    }

    @Test func filtersAndSorting() {
        let busy = CLI.run(["calls", sample, "--state", "busy", "--format", "csv"])
        #expect(busy.stdout.split(separator: "\r\n").count == 2)
        let failed = CLI.run(["calls", sample, "--failed", "--format", "csv"])
        #expect(failed.stdout == busy.stdout)
        let byPDD = CLI.run(["calls", sample, "--sort", "pdd", "--reverse", "--format", "csv"])
        let order = byPDD.stdout.split(separator: "\r\n").dropFirst().map { $0.prefix { $0 != "," } }
        // PDD 3.506 ms, 1.459 ms, none.
        #expect(order == ["udp4-call-1@sipdiag.test", "udp4-call-2@sipdiag.test", "udp4-busy-1@sipdiag.test"])
        let none = CLI.run(["calls", sample, "--kind", "registration"])
        #expect(none.stdout == "No call matches.\n")
    }

    @Test(arguments: [
        (["calls"], Int32(64), "missing"),
        (["calls", "x.pcap", "--state", "dead"], 64, "dead"),
        (["calls", "/nonexistent/x.pcap"], 66, "no such file"),
    ])
    func badArguments(arguments: [String], status: Int32, fragment: String) {
        let result = CLI.run(arguments)
        #expect(result.status == status)
        #expect(result.stderr.contains(fragment))
    }

    @Test func notACaptureIsADataError() throws {
        let path = CLI.temporaryPath(".pcap")
        try Data("this is not a capture at all\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLI.run(["calls", path])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("Error: \(path):"))
    }
}

/// The same calls whatever the container, and sensible output for captures that hold little.
@Suite struct CallSourcesTests {
    @Test func pcapAndPcapngGiveTheSameCalls() {
        let pcap = CLI.run([
            "calls", CLI.path("Tests/SIPCaptureTests/Fixtures/real/udp-ipv4-eth.pcap"), "--format", "json",
        ])
        let pcapng = CLI.run(
            ["calls", CLI.path("Tests/SIPCaptureTests/Fixtures/real/udp-ipv4-eth.pcapng"), "--format", "json"]
        )
        #expect(pcap.status == 0)
        #expect(pcap.stdout.contains("\"callId\""))
        #expect(pcap.stdout == pcapng.stdout)
    }

    @Test func responsesWithoutRequestsAreStillACall() throws {
        let text = """
            SIP/2.0 180 Ringing
            Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1
            From: <sip:a@example.com>;tag=1
            To: <sip:b@example.com>;tag=2
            Call-ID: orphan@test
            CSeq: 1 INVITE
            Content-Length: 0

            SIP/2.0 200 OK
            Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1
            From: <sip:a@example.com>;tag=1
            To: <sip:b@example.com>;tag=2
            Call-ID: orphan@test
            CSeq: 1 INVITE
            Content-Length: 0


            """
        let path = CLI.temporaryPath(".txt")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLI.run(["analyze", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Outcome:  answered (200 OK)"))
        #expect(result.stdout.contains("some responses have no request in the capture"))
    }

    @Test func captureWithoutSIPSaysSo() throws {
        // A pcap with one UDP packet that is not SIP.
        var file: [UInt8] = [
            0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 101, 0, 0, 0,
        ]
        let payload = Array("hello".utf8)
        let udp: [UInt8] = [0x30, 0x39, 0x30, 0x39, 0, UInt8(8 + payload.count), 0, 0] + payload
        let ip: [UInt8] =
            [0x45, 0, 0, UInt8(20 + udp.count), 0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2] + udp
        file += [0, 0, 0, 0, 0, 0, 0, 0, UInt8(ip.count), 0, 0, 0, UInt8(ip.count), 0, 0, 0] + ip
        let path = CLI.temporaryPath(".pcap")
        try Data(file).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let calls = CLI.run(["calls", path])
        #expect(calls.status == 0)
        #expect(calls.stdout == "No SIP calls in \(path).\n")
        let analyze = CLI.run(["analyze", path])
        #expect(analyze.stdout.hasSuffix("No SIP calls: nothing to analyse.\n"))
        let ladder = CLI.run(["ladder", path])
        #expect(ladder.status == 65)
        #expect(ladder.stderr == "Error: no SIP calls in \(path)\n")
    }
}

/// Streaming the call list must not change a byte of it.
@Suite struct CallsJSONStreamingTests {
    @Test func streamedArrayEqualsTheWholeDocument() throws {
        let path = CLI.path("Tests/SIPAnalysisTests/Fixtures/calls/outcomes.pcap")
        let analysis = try SIPDiagnostics.analyze(path: path)
        let whole = JSONValue.array(analysis.calls.map { CallJSON.call($0) }).rendered() + "\n"
        let streamed = CLI.run(["calls", path, "--format", "json"]).stdout
        #expect(streamed == whole)
        #expect(analysis.calls.count == 8)
    }
}
