import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// ack-timeout.pcap, ack-timeout@sipdiag.test: INVITE, 100, 180, the 200 OK and its 10
/// retransmissions up to 31.5 s (never ACKed), the callee's BYE at 32 s, its 200.
@Suite struct ACKTimeoutRuleTests {
    @Test func calleeHangsUpAfterTheACKTimeout() throws {
        let call = try DiagnosisCaptures.call("ack-timeout.pcap", "ack-timeout@sipdiag.test")
        let findings = ACKTimeoutRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["dialog.2xx-retransmitted"])
        #expect(findings.map(\.severity) == [.error])
        let finding = try #require(findings.first)
        // INVITE, the first 200 OK, the BYE.
        #expect(finding.evidence.map(\.messageIndex) == [0, 3, 14])
        #expect(finding.evidence.map(\.time) == [0, 3, 14].map { call.messages[$0].time })
        #expect(
            finding.summary == "127.0.0.42:5060 hung up 32.0 s after its 200 OK to the INVITE: no ACK came "
                + "(sent 11 times (10 retransmissions))"
        )
        #expect(finding.evidence[1].text.hasSuffix("sent 11 times (10 retransmissions), never ACKed"))
        #expect(finding.evidence[2].text.hasPrefix("BYE from 127.0.0.42:5060 to 127.0.0.41:5070"))
        #expect(finding.explanation.contains("RFC 3261 section 13.3.1.4"))
    }

    @Test func theOtherRulesLeaveItToThisOne() throws {
        let call = try DiagnosisCaptures.call("ack-timeout.pcap", "ack-timeout@sipdiag.test")
        #expect(NoACKRule().check(call, options: DiagnosisOptions()).isEmpty)
        #expect(RetransmissionRule().check(call, options: DiagnosisOptions()).isEmpty)
        #expect(SIPDiagnosis.diagnose([call]).map(\.code) == ["dialog.2xx-retransmitted"])
    }

    @Test func withoutTheBYEItIsAMissingACK() throws {
        // The capture stopped before the callee gave up: dialog.no-ack says what is known.
        var call = try DiagnosisCaptures.call("ack-timeout.pcap", "ack-timeout@sipdiag.test")
        call.transactions.removeAll { $0.method == "BYE" }
        #expect(ACKTimeoutRule().check(call, options: DiagnosisOptions()).isEmpty)
        #expect(NoACKRule().check(call, options: DiagnosisOptions()).map(\.code) == ["dialog.no-ack"])
    }

    @Test(arguments: RealCalls.goodCalls)
    func goodCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        let call = try RealCalls.call(good.file, good.callID)
        #expect(ACKTimeoutRule().check(call, options: DiagnosisOptions()).isEmpty)
    }
}
