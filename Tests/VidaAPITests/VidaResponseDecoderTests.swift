import Foundation
import Testing

@testable import VidaAPI

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The response shapes each endpoint accepts.
@Suite struct VidaResponseDecoderTests {
    @Test(arguments: [
        #"{"success":true,"message":"Success","whitelist":[{"ip":"192.168.1.1","label":"Office IP","userId":3,"timestamp":1678829072,"extra":1}]}"#,
        #"{"success":true,"data":[{"ip":"192.168.1.1","label":"Office IP","userId":"3","timestamp":1678829072.0}]}"#,
        #"{"data":{"whitelist":[{"ip":"192.168.1.1","label":"Office IP","userId":3.0,"timestamp":"1678829072"}]}}"#,
        #"[{"ip":"192.168.1.1","label":"Office IP","userId":3,"timestamp":1678829072}]"#,
    ])
    func whitelistShapes(_ body: String) async throws {
        let client = try Fixtures.client(ScriptedPerformer([Fixtures.response(200, body)]))
        let entries = try await client.whitelist()
        #expect(entries == [WhitelistEntry(ip: "192.168.1.1", label: "Office IP", userId: 3, timestamp: 1_678_829_072)])
    }

    @Test func nullListIsEmpty() async throws {
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(200, #"{"success":true,"whitelist":null}"#)])
        )
        #expect(try await client.whitelist() == [])
    }

    @Test func whitelistEntryWithoutIPIsUndecodable() async throws {
        let client = try Fixtures.client(ScriptedPerformer([Fixtures.response(200, #"{"whitelist":[{"label":"x"}]}"#)]))
        let error = await Fixtures.error { () async throws(VidaError) in try await client.whitelist() }
        #expect(error?.kind == .undecodableResponse)
        #expect(error?.message.contains(".ip is missing") == true)
    }

    @Test(arguments: [
        #"{"success":true,"message":"Success","routes":["1.1.1.1:5060;transport=udp","sip.example.com"]}"#,
        #"{"data":["1.1.1.1:5060;transport=udp","sip.example.com"]}"#,
        #"["1.1.1.1:5060;transport=udp",{"route":"sip.example.com"}]"#,
    ])
    func routeShapes(_ body: String) async throws {
        let client = try Fixtures.client(ScriptedPerformer([Fixtures.response(200, body)]))
        #expect(try await client.outboundRoutes() == ["1.1.1.1:5060;transport=udp", "sip.example.com"])
    }

    @Test func registrationShapes() async throws {
        let expected = Registration(
            aor: "1001@sip.example.com",
            username: "1001",
            proxy: "sip.example.com:5061",
            port: 5061,
            transport: "TLS",
            subscribe: true
        )
        for body in [
            #"{"success":true,"registration":{"aor":"1001@sip.example.com","username":"1001","proxy":"sip.example.com:5061","port":"5061","transport":"TLS","subscribe":1,"other":null}}"#,
            #"{"data":{"aor":"1001@sip.example.com","username":"1001","proxy":"sip.example.com:5061","port":5061,"transport":"TLS","subscribe":"true"}}"#,
            #"{"aor":"1001@sip.example.com","username":"1001","proxy":"sip.example.com:5061","port":5061,"transport":"TLS","subscribe":true}"#,
        ] {
            let client = try Fixtures.client(ScriptedPerformer([Fixtures.response(200, body)]))
            #expect(try await client.registration() == expected, "\(body)")
        }
        for body in [#"{"success":true,"registration":null}"#, #"{"success":true,"registration":{}}"#] {
            let client = try Fixtures.client(ScriptedPerformer([Fixtures.response(200, body)]))
            #expect(try await client.registration() == nil)
        }
    }

    @Test func writeResultCarriesMessageAndList() async throws {
        let body =
            #"{"success":true,"message":"IP entry created successfully","whitelist":[{"ip":"10.0.0.1","label":"a"}]}"#
        let performer = ScriptedPerformer([Fixtures.response(201, body)])
        let client = try Fixtures.client(performer)
        let result = try await client.addToWhitelist(ip: "10.0.0.1", label: "a")
        #expect(result.statusCode == 201)
        #expect(result.created)
        #expect(result.message == "IP entry created successfully")
        #expect(result.whitelist == [WhitelistEntry(ip: "10.0.0.1", label: "a")])
        #expect(result.routes == nil)
        let sent = try #require(performer.requests.first)
        #expect(sent.httpMethod == "POST")
        #expect(sent.httpBody.map { String(decoding: $0, as: UTF8.self) } == #"{"ip":"10.0.0.1","label":"a"}"#)
    }

    @Test func writeResultWithRoutesAndDefaultMessage() async throws {
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(200, #"{"success":true,"routes":["a.example"]}"#)])
        )
        let result = try await client.addOutboundRoute("a.example")
        #expect(result.routes == ["a.example"])
        #expect(result.message == "The outbound route a.example was added.")
        let empty = try Fixtures.client(ScriptedPerformer([Fixtures.response(200, "", contentType: nil)]))
        #expect(try await empty.deleteRegistration().message == "The SIP registration was deleted.")
    }

    @Test func writeWithNonJSONBodyIsUndecodable() async throws {
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(200, "OK\u{1B}[31m", contentType: "text/plain")])
        )
        let error = await Fixtures.error { () async throws(VidaError) in try await client.removeOutboundRoute("a") }
        #expect(error?.kind == .undecodableResponse)
        #expect(error?.message.contains(#""OK\u{1B}[31m""#) == true)
    }

    @Test func captureReturnsTheExactBytes() async throws {
        let bytes: [UInt8] = [0xD4, 0xC3, 0xB2, 0xA1, 0x02, 0x00, 0x04, 0x00, 0x00, 0xFF]
        let performer = ScriptedPerformer([
            .success(
                VidaHTTPResponse(
                    statusCode: 200,
                    headers: ["Content-Type": "application/vnd.tcpdump.pcap"],
                    body: bytes
                )
            )
        ])
        let recorder = Recorder()
        let client = try Fixtures.client(performer, recorder: recorder)
        let download = try await client.capture(
            callID: "abc@pbx",
            window: CaptureWindow(fromMilliseconds: 1, toMilliseconds: 2),
            format: .pcap
        )
        #expect(download.bytes == bytes)
        #expect(download.contentType == "application/vnd.tcpdump.pcap")
        #expect(download.format == .pcap)
        #expect(download.attempts == 1)
        #expect(
            download.redactedURL
                == "https://api.example.test/api/v2/sip/captures?sipCallId=abc%40pbx&from=1&to=2&format=pcap&token=***"
        )
        let events = recorder.progress
        guard case .connecting(attempt: 1) = events.first else {
            Issue.record("first event \(String(describing: events.first))")
            return
        }
        #expect(events.contains { if case .receiving(bytes: 10, expected: 10) = $0 { true } else { false } })
    }
}
