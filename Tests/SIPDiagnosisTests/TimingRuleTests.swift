import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// Post-dial delay and retransmissions on a real SIPp call whose callee stays silent 1200 ms
/// (auth-retrans.pcap, retransmissions@sipdiag.test: INVITE retransmitted once, 200 once).
@Suite struct TimingRuleTests {
    static let slowCallee = ("auth-retrans.pcap", "retransmissions@sipdiag.test")

    @Test func postDialDelayAboveTheThreshold() throws {
        let call = try RealCalls.call(Self.slowCallee.0, Self.slowCallee.1)
        #expect(PostDialDelayRule().check(call, options: DiagnosisOptions()).isEmpty)
        let findings = PostDialDelayRule().check(call, options: DiagnosisOptions(pddWarningMs: 1000))
        #expect(findings.map(\.code) == ["timing.post-dial-delay"])
        #expect(findings.map(\.severity) == [.warning])
        let finding = try #require(findings.first)
        // No 180: the delay runs to the 200 OK.
        let okIndex = try #require(call.messages.firstIndex { $0.statusCode == 200 })
        #expect(finding.evidence.map(\.messageIndex) == [0, okIndex])
        #expect(finding.summary == "Post-dial delay of 1.2 s (above 1.0 s)")
    }

    @Test func retransmissionsFromTheThreshold() throws {
        let call = try RealCalls.call(Self.slowCallee.0, Self.slowCallee.1)
        #expect(RetransmissionRule().check(call, options: DiagnosisOptions()).isEmpty)
        let findings = RetransmissionRule().check(call, options: DiagnosisOptions(retransmissionWarningCount: 1))
        #expect(findings.map(\.code) == ["transport.retransmissions", "transport.retransmissions"])
        #expect(findings.map(\.severity) == [.warning, .warning])
        let okIndex = try #require(call.messages.firstIndex { $0.statusCode == 200 })
        #expect(findings.map { $0.evidence.map(\.messageIndex) } == [[0], [okIndex]])
        #expect(
            findings.map(\.summary) == [
                "INVITE to 127.0.0.20:5060 was retransmitted 1 times",
                "200 to INVITE was retransmitted 1 times",
            ]
        )
    }

    @Test func unansweredRequestsAreLeftToTheTimeoutRule() throws {
        let call = try RealCalls.call("timeout.pcap", "timeout@sipdiag.test")
        #expect(RetransmissionRule().check(call, options: DiagnosisOptions(retransmissionWarningCount: 1)).isEmpty)
    }

    @Test(arguments: RealCalls.goodCalls)
    func answeredCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        let call = try RealCalls.call(good.file, good.callID)
        #expect(PostDialDelayRule().check(call, options: DiagnosisOptions()).isEmpty)
        #expect(RetransmissionRule().check(call, options: DiagnosisOptions()).isEmpty)
    }
}
