import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// session-timer.pcap: INVITE (Session-Expires), 100, 180, 200 (Session-Expires), ACK, UPDATE
/// (the one refresh, after 1 s), 200 (Session-Expires), the callee's BYE, 200.
/// session-reason@sipdiag.test (1800 s) ends 1 s after the refresh with a BYE whose Reason says
/// "Session timer expired"; session-expired@sipdiag.test (90 s) with a plain BYE 60 s after it.
@Suite struct SessionTimerRuleTests {
    @Test func reasonSaysTheTimerExpired() throws {
        let call = try DiagnosisCaptures.call("session-timer.pcap", "session-reason@sipdiag.test")
        let findings = SessionTimerRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["session.timer-expired"])
        #expect(findings.map(\.severity) == [.error])
        let finding = try #require(findings.first)
        #expect(finding.evidence.map(\.messageIndex) == [7])
        #expect(finding.evidence.first?.time == call.messages[7].time)
        #expect(finding.summary.hasPrefix("127.0.0.42:5060 ended the call because its session timer expired"))
        #expect(finding.evidence.first?.text.hasSuffix("Reason: SIP;cause=408;text=\"Session timer expired\"") == true)
        #expect(finding.explanation.contains("RFC 4028 section 10"))
    }

    @Test func byeAtTheExpiryAfterTheLastRefresh() throws {
        let call = try DiagnosisCaptures.call("session-timer.pcap", "session-expired@sipdiag.test")
        let findings = SessionTimerRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["session.timer-expired"])
        #expect(findings.map(\.severity) == [.warning])
        let finding = try #require(findings.first)
        // The 200 to the UPDATE (the last refresh), the BYE.
        #expect(finding.evidence.map(\.messageIndex) == [6, 7])
        #expect(finding.evidence.map(\.time) == [call.messages[6].time, call.messages[7].time])
        #expect(finding.evidence.first?.text.hasPrefix("200 OK to UPDATE from 127.0.0.42:5060") == true)
        #expect(finding.summary.hasPrefix("127.0.0.42:5060 ended the call 60."))
        #expect(
            finding.summary.hasSuffix(
                "s after the last session refresh (Session-Expires: 90): the session timer expired"
            )
        )
    }

    @Test func aBYELongBeforeTheExpiryIsNoTimer() throws {
        // The same call with a 1800 s interval: a BYE after 60 s is an ordinary hang-up.
        let call = try DiagnosisCaptures.call("session-timer.pcap", "session-reason@sipdiag.test")
        var quiet = call
        let bye = try #require(quiet.transactions.firstIndex { $0.method == "BYE" })
        quiet.transactions[bye].requestReason = nil
        #expect(SessionTimerRule().check(quiet, options: DiagnosisOptions()).isEmpty)
    }

    @Test(arguments: RealCalls.goodCalls)
    func goodCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        let call = try DiagnosisCaptures.goodCall(good)
        #expect(SessionTimerRule().check(call, options: DiagnosisOptions()).isEmpty)
    }
}
