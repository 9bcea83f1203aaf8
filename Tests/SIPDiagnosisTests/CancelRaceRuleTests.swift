import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// cancel-race.pcap: INVITE, 100, 180, CANCEL, 200 to the INVITE, 200 to the CANCEL, then ACK,
/// BYE, 200 (cancel-race@sipdiag.test) or nothing (cancel-race-no-ack@sipdiag.test).
@Suite struct CancelRaceRuleTests {
    @Test func handledCrossingIsInfo() throws {
        let call = try DiagnosisCaptures.call("cancel-race.pcap", "cancel-race@sipdiag.test")
        let findings = CancelRaceRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["dialog.cancel-race"])
        #expect(findings.map(\.severity) == [.info])
        let finding = try #require(findings.first)
        // INVITE, CANCEL, the 200 to the INVITE, ACK, BYE.
        #expect(finding.evidence.map(\.messageIndex) == [0, 3, 4, 6, 7])
        #expect(finding.evidence.map(\.time) == [0, 3, 4, 6, 7].map { call.messages[$0].time })
        #expect(finding.evidence[2].text.hasPrefix("200 OK to INVITE from 127.0.0.42:5060"))
        #expect(finding.evidence[2].text.contains("ms after the CANCEL"))
        #expect(finding.summary.contains("CANCEL crossed the 200 OK"))
        #expect(finding.summary.contains("ACKed it and hung up with BYE"))
        #expect(finding.fix == nil)
        #expect(NoACKRule().check(call, options: DiagnosisOptions()).isEmpty)
    }

    @Test func crossingWithoutACKIsAnError() throws {
        let call = try DiagnosisCaptures.call("cancel-race.pcap", "cancel-race-no-ack@sipdiag.test")
        let findings = CancelRaceRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["dialog.cancel-race"])
        #expect(findings.map(\.severity) == [.error])
        let finding = try #require(findings.first)
        #expect(finding.evidence.map(\.messageIndex) == [0, 3, 4])
        #expect(finding.summary.contains("never ACKed"))
        #expect(finding.explanation.contains("It sent neither"))
        #expect(finding.fix?.contains("ACK every 2xx") == true)
        // The missing ACK is this rule's, not dialog.no-ack's.
        #expect(NoACKRule().check(call, options: DiagnosisOptions()).isEmpty)
    }

    @Test func crossingWithACKButNoBYEIsAWarning() throws {
        var call = try DiagnosisCaptures.call("cancel-race.pcap", "cancel-race@sipdiag.test")
        call.transactions.removeAll { $0.method == "BYE" }
        let findings = CancelRaceRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.evidence.map(\.messageIndex) == [0, 3, 4, 6])
        #expect(findings.first?.summary.contains("sent no BYE") == true)
    }

    @Test func ordinaryCancelIsNoRace() throws {
        // CANCEL, 200 to the CANCEL, 487 to the INVITE: the CANCEL won.
        let call = try RealCalls.call("outcomes.pcap", "cancelled@sipdiag.test")
        #expect(CancelRaceRule().check(call, options: DiagnosisOptions()).isEmpty)
    }

    @Test(arguments: RealCalls.goodCalls)
    func goodCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        let call = try RealCalls.call(good.file, good.callID)
        #expect(CancelRaceRule().check(call, options: DiagnosisOptions()).isEmpty)
    }
}
