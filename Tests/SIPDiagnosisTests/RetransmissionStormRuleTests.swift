import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// slow-peer.pcap, slow-peer@sipdiag.test: the callee answers every request 1.6 s late, so the
/// caller sends each twice more (at 0.5 and 1.5 s): INVITE x3, 100, 180, 200, ACK, INFO x3, 200,
/// INFO x3, 200, BYE x3, 200.
@Suite struct RetransmissionStormRuleTests {
    @Test func fewCopiesOfManyRequests() throws {
        let call = try DiagnosisCaptures.call("slow-peer.pcap", "slow-peer@sipdiag.test")
        let findings = RetransmissionStormRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["transport.retransmission-storm"])
        #expect(findings.map(\.severity) == [.warning])
        let finding = try #require(findings.first)
        // The first copy of INVITE, of each INFO and of the BYE.
        #expect(finding.evidence.map(\.messageIndex) == [0, 7, 11, 15])
        #expect(finding.evidence.map(\.time) == [0, 7, 11, 15].map { call.messages[$0].time })
        #expect(
            finding.evidence.map { $0.text.hasSuffix(", 2 retransmissions in the transaction") } == [
                true, true, true, true,
            ]
        )
        #expect(finding.summary == "Retransmissions in 4 of the call's 5 transactions (8 in all)")
        #expect(finding.explanation.contains("RFC 3261 sections 17.1.1.2 and 17.1.2.2"))
        // No single message reached the threshold of transport.retransmissions.
        #expect(RetransmissionRule().check(call, options: DiagnosisOptions()).isEmpty)
    }

    @Test func aHigherThresholdKeepsItQuiet() throws {
        let call = try DiagnosisCaptures.call("slow-peer.pcap", "slow-peer@sipdiag.test")
        let options = DiagnosisOptions(retransmissionWarningCount: 5)
        #expect(RetransmissionStormRule().check(call, options: options).isEmpty)
    }

    @Test(arguments: RealCalls.goodCalls)
    func goodCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        // auth-retrans.pcap's retransmissions@sipdiag.test: one INVITE and one 200 copy, no storm.
        let call = try RealCalls.call(good.file, good.callID)
        #expect(RetransmissionStormRule().check(call, options: DiagnosisOptions()).isEmpty)
    }
}
