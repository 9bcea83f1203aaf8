import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// Requests that got no response, on real SIPp captures (timeout.pcap, icmp.pcap).
@Suite struct TimeoutRuleTests {
    @Test func inviteRetransmittedToTimerB() throws {
        let call = try RealCalls.call("timeout.pcap", "timeout@sipdiag.test")
        let findings = TimeoutRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["timeout.no-response"])
        #expect(findings.map(\.severity) == [.error])
        let finding = try #require(findings.first)
        #expect(finding.evidence.map(\.messageIndex) == [0])
        #expect(finding.evidence.map(\.time) == [call.messages[0].time])
        #expect(finding.evidence.first?.text.hasSuffix("over UDP, sent 7 times (6 retransmissions)") == true)
        #expect(finding.summary.hasSuffix("got no response (sent 7 times (6 retransmissions))"))
        #expect(finding.explanation.contains("Timer B"))
        #expect(finding.fix?.contains("firewall") == true)
        #expect(finding.callID == "timeout@sipdiag.test")
    }

    @Test func icmpPortUnreachable() throws {
        let call = try RealCalls.call("icmp.pcap", "icmp@sipdiag.test")
        let findings = TimeoutRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["timeout.icmp-unreachable"])
        #expect(findings.map(\.severity) == [.error])
        let finding = try #require(findings.first)
        // The INVITE, then the ICMP error, which is not a SIP message.
        #expect(finding.evidence.map(\.messageIndex) == [0, nil])
        #expect(finding.evidence.first?.text.hasPrefix("INVITE from 127.0.0.10:") == true)
        #expect(finding.evidence.first?.text.contains("to 127.0.0.20:5099 over UDP, sent once") == true)
        #expect(finding.evidence.last?.text.hasPrefix("ICMP port unreachable from ") == true)
        #expect(finding.summary == "INVITE to 127.0.0.20:5099 was refused: ICMP port unreachable")
    }

    @Test(arguments: RealCalls.goodCalls)
    func answeredCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        let call = try RealCalls.call(good.file, good.callID)
        #expect(TimeoutRule().check(call, options: DiagnosisOptions()).isEmpty)
    }

    @Test func answeredOptionsAfterTheTimeoutHasNoFinding() throws {
        let call = try RealCalls.call("timeout.pcap", "timeout-marker-options@sipdiag.test")
        #expect(TimeoutRule().check(call, options: DiagnosisOptions()).isEmpty)
    }
}
