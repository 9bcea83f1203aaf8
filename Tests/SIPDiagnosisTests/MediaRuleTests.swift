import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// Media of the first offer/answer. The SIPp captures run on 127.0.0.x with matching codecs, so
/// the faulty cases take a real call (outcomes.pcap, answered@sipdiag.test: INVITE with the
/// offer, 100, 180, 200 with the answer, ACK, BYE, 200) and change what the capture would show.
@Suite struct MediaRuleTests {
    static func answered() throws -> SIPCall { try RealCalls.call("outcomes.pcap", "answered@sipdiag.test") }

    @Test func privateOfferFromAPublicAddress() throws {
        var call = try Self.answered()
        call.media.offer?.endpoint = "192.168.1.20:4000"
        let invite = try #require(call.transactions.firstIndex { $0.method == "INVITE" })
        call.transactions[invite].client = Endpoint(address: try #require(IPAddress("203.0.113.7")), port: 5060)
        let findings = MediaAddressRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["media.private-address"])
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.evidence.map(\.messageIndex) == [0])
        #expect(
            findings.first?.summary
                == "The SDP offer from public 203.0.113.7:5060 gives private media address 192.168.1.20:4000"
        )
        // The same private address from a private sender is an ordinary LAN call.
        call.transactions[invite].client = Endpoint(address: try #require(IPAddress("10.0.0.5")), port: 5060)
        #expect(MediaAddressRule().check(call, options: DiagnosisOptions()).isEmpty)
    }

    @Test func nullAddressInTheAnswer() throws {
        var call = try Self.answered()
        call.media.answer?.endpoint = "0.0.0.0:6000"
        let findings = MediaAddressRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["media.null-address"])
        #expect(findings.map(\.severity) == [.warning])
        // The 200 OK carries the answer.
        #expect(findings.first?.evidence.map(\.messageIndex) == [3])
    }

    @Test func noCommonCodecIsAnError() throws {
        var call = try Self.answered()
        call.media.answer?.codecs = ["G729/8000"]
        let findings = CodecMismatchRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["media.no-common-codec"])
        #expect(findings.map(\.severity) == [.error])
        #expect(findings.first?.evidence.map(\.messageIndex) == [0, 3])
    }

    @Test func refusedStreamIsAWarning() throws {
        var call = try Self.answered()
        call.media.answer?.isRejected = true
        let findings = CodecMismatchRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["media.stream-rejected"])
        #expect(findings.map(\.severity) == [.warning])
    }

    @Test(arguments: RealCalls.goodCalls)
    func answeredCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        let call = try RealCalls.call(good.file, good.callID)
        #expect(MediaAddressRule().check(call, options: DiagnosisOptions()).isEmpty)
        #expect(CodecMismatchRule().check(call, options: DiagnosisOptions()).isEmpty)
    }
}
