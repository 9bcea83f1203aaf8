import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// media.pcap: sendonly@sipdiag.test (INVITE offering a=sendonly, 100, 180, 200 answering
/// a=recvonly, ACK, BYE, 200) and early-media@sipdiag.test (INVITE, 100, 183 with media at
/// 127.0.0.43:16400, 180, 200 with media at 127.0.0.42:16000, ACK, BYE, 200).
@Suite struct MediaSetupRuleTests {
    @Test func oneWayFirstOfferAnswer() throws {
        let call = try DiagnosisCaptures.call("media.pcap", "sendonly@sipdiag.test")
        let findings = MediaDirectionRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["media.direction-without-hold"])
        #expect(findings.map(\.severity) == [.warning])
        let finding = try #require(findings.first)
        #expect(finding.evidence.map(\.messageIndex) == [0, 3])
        #expect(finding.evidence.map(\.time) == [call.messages[0].time, call.messages[3].time])
        #expect(finding.summary == "The call's first offer/answer is not two-way (offer a=sendonly, answer a=recvonly)")
        #expect(finding.evidence.map { $0.text.hasSuffix(", a=sendonly") } == [true, false])
        #expect(finding.explanation.contains("one-way audio"))
        #expect(finding.explanation.contains("RFC 3264 section 8.4"))
        // The early-media call is two-way.
        let early = try DiagnosisCaptures.call("media.pcap", "early-media@sipdiag.test")
        #expect(MediaDirectionRule().check(early, options: DiagnosisOptions()).isEmpty)
    }

    @Test func inactiveMeansNoAudio() throws {
        var call = try DiagnosisCaptures.call("media.pcap", "sendonly@sipdiag.test")
        call.media.offer?.direction = "sendrecv"
        call.media.answer?.direction = "inactive"
        let finding = try #require(MediaDirectionRule().check(call, options: DiagnosisOptions()).first)
        #expect(finding.evidence.map(\.messageIndex) == [3])
        #expect(finding.explanation.contains("no audio"))
    }

    @Test func earlyMediaFromAnotherAddress() throws {
        let call = try DiagnosisCaptures.call("media.pcap", "early-media@sipdiag.test")
        let findings = MediaAddressChangeRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["media.address-changed"])
        #expect(findings.map(\.severity) == [.info])
        let finding = try #require(findings.first)
        // The 183 and the 200.
        #expect(finding.evidence.map(\.messageIndex) == [2, 4])
        #expect(finding.evidence.map(\.time) == [call.messages[2].time, call.messages[4].time])
        #expect(
            finding.summary
                == "The callee's media moved from 127.0.0.43:16400 (183 Session Progress) to 127.0.0.42:16000 (200 OK)"
        )
        #expect(finding.evidence.last?.text.hasSuffix("media 127.0.0.42:16000") == true)
        #expect(finding.explanation.contains("one-way or no audio"))
        let oneWay = try DiagnosisCaptures.call("media.pcap", "sendonly@sipdiag.test")
        #expect(MediaAddressChangeRule().check(oneWay, options: DiagnosisOptions()).isEmpty)
    }

    @Test(arguments: RealCalls.goodCalls)
    func goodCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        // dialogs.pcap's prack-reinvite@sipdiag.test puts the call on hold by re-INVITE: no finding.
        let call = try DiagnosisCaptures.goodCall(good)
        #expect(MediaDirectionRule().check(call, options: DiagnosisOptions()).isEmpty)
        #expect(MediaAddressChangeRule().check(call, options: DiagnosisOptions()).isEmpty)
    }
}
