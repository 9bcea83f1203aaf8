import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// The ACK of a 2xx and the response to BYE. No capture shows them missing, so these tests take
/// real SIPp calls (outcomes.pcap, auth-retrans.pcap) and remove from the analysed call what
/// the capture would lack.
@Suite struct DialogRuleTests {
    @Test func missingACKIsAnError() throws {
        var call = try RealCalls.call("outcomes.pcap", "answered@sipdiag.test")
        call.transactions.removeAll { $0.method == "ACK" }
        let findings = NoACKRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["dialog.no-ack"])
        #expect(findings.map(\.severity) == [.error])
        let finding = try #require(findings.first)
        // INVITE, 100, 180, 200, ACK, BYE, 200.
        #expect(finding.evidence.map(\.messageIndex) == [0, 3])
        #expect(finding.evidence.map(\.time) == [call.messages[0].time, call.messages[3].time])
        #expect(finding.evidence.last?.text.hasPrefix("200 OK to INVITE from 127.0.0.20:") == true)
        #expect(finding.evidence.last?.text.hasSuffix("over UDP, sent once, never ACKed") == true)
        #expect(finding.summary == "No ACK for the 200 OK to the INVITE (sent once)")
    }

    @Test func retransmitted200WithoutACKCountsTheCopies() throws {
        var call = try RealCalls.call("auth-retrans.pcap", "retransmissions@sipdiag.test")
        call.transactions.removeAll { $0.method == "ACK" }
        let finding = try #require(NoACKRule().check(call, options: DiagnosisOptions()).first)
        #expect(finding.summary == "No ACK for the 200 OK to the INVITE (sent 2 times (1 retransmission))")
    }

    @Test func lastMessage200IsNotBlamed() throws {
        // A capture that stops right after the 200 OK may just have missed the ACK.
        var call = try RealCalls.call("outcomes.pcap", "answered@sipdiag.test")
        call.transactions.removeAll { $0.method == "ACK" }
        let success = try #require(call.transactions.first?.successResponse)
        call.endTime = success.time
        #expect(NoACKRule().check(call, options: DiagnosisOptions()).isEmpty)
    }

    @Test func unansweredBYEIsAWarning() throws {
        var call = try RealCalls.call("outcomes.pcap", "answered-callee-bye@sipdiag.test")
        let bye = try #require(call.transactions.firstIndex { $0.method == "BYE" })
        call.transactions[bye].responses = []
        let findings = UnansweredBYERule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["dialog.bye-unanswered"])
        #expect(findings.map(\.severity) == [.warning])
        // The BYE from the callee is the sixth message.
        #expect(findings.first?.evidence.map(\.messageIndex) == [5])
        #expect(findings.first?.evidence.first?.text.hasPrefix("BYE from 127.0.0.20:") == true)
        #expect(findings.first?.evidence.first?.time == call.messages[5].time)
    }

    @Test(arguments: RealCalls.goodCalls)
    func answeredCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        let call = try RealCalls.call(good.file, good.callID)
        #expect(NoACKRule().check(call, options: DiagnosisOptions()).isEmpty)
        #expect(UnansweredBYERule().check(call, options: DiagnosisOptions()).isEmpty)
    }
}
