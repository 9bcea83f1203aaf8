import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// Every default rule over whole real captures.
@Suite struct DefaultRulesTests {
    @Test func goodCallsHaveNoFinding() throws {
        for good in RealCalls.goodCalls {
            let call = try RealCalls.call(good.file, good.callID)
            #expect(SIPDiagnosis.diagnose([call]).isEmpty, "\(good.callID)")
            // With the message bytes, the rules that read headers and SDP find nothing either.
            #expect(SIPDiagnosis.diagnose([try DiagnosisCaptures.goodCall(good)]).isEmpty, "\(good.callID)")
        }
    }

    @Test func outcomesCaptureFindingsInOrder() throws {
        let findings = SIPDiagnosis.diagnose(try RealCalls.analyze("outcomes.pcap").calls)
        #expect(
            findings.map { "\($0.severity) \($0.code) \($0.callID ?? "-")" } == [
                "error response.403 rejected@sipdiag.test",
                "error response.503 failed@sipdiag.test",
                "error response.302 redirected@sipdiag.test",
                "warning response.480 no-answer@sipdiag.test",
                "info response.486 busy@sipdiag.test",
                "info response.487 cancelled@sipdiag.test",
            ]
        )
    }

    @Test func timeoutAndICMPCaptures() throws {
        let timeout = SIPDiagnosis.diagnose(try RealCalls.analyze("timeout.pcap").calls)
        #expect(timeout.map(\.code) == ["timeout.no-response"])
        let icmp = SIPDiagnosis.diagnose(try RealCalls.analyze("icmp.pcap").calls)
        #expect(icmp.map(\.code) == ["timeout.icmp-unreachable"])
    }
}

/// Without kept messages (the default retention of a large capture) the evidence still names
/// the messages and their times, with no position in the call.
@Suite struct SummaryOnlyEvidenceTests {
    @Test func evidenceWithoutMessages() throws {
        let analysis = try RealCalls.analyze("outcomes.pcap", retention: .none)
        let call = try #require(analysis.call("rejected@sipdiag.test"))
        #expect(call.messages.isEmpty)
        let finding = try #require(ResponseCodeRule().check(call, options: DiagnosisOptions()).first)
        #expect(finding.code == "response.403")
        #expect(finding.evidence.map(\.messageIndex) == [nil, nil])
        #expect(finding.evidence.allSatisfy { $0.time != nil })
        #expect(finding.evidence.first?.text.hasPrefix("INVITE from 127.0.0.10:5070 to 127.0.0.20:5060") == true)
    }
}

/// Every default rule over the captures made for the diagnosis rules, messages kept.
@Suite struct DiagnosisCaptureTests {
    @Test(arguments: [
        (
            "nat.pcap",
            [
                "warning nat.private-contact nat@sipdiag.test", "warning nat.private-via nat@sipdiag.test",
                "warning nat.private-contact nat@sipdiag.test",
            ]
        ),
        ("ack-timeout.pcap", ["error dialog.2xx-retransmitted ack-timeout@sipdiag.test"]),
        (
            "cancel-race.pcap",
            [
                "error dialog.cancel-race cancel-race-no-ack@sipdiag.test",
                "info dialog.cancel-race cancel-race@sipdiag.test",
            ]
        ),
        (
            "session-timer.pcap",
            [
                "error session.timer-expired session-reason@sipdiag.test",
                "warning session.timer-expired session-expired@sipdiag.test",
            ]
        ),
        ("slow-peer.pcap", ["warning transport.retransmission-storm slow-peer@sipdiag.test"]),
        (
            "media.pcap",
            [
                "warning media.direction-without-hold sendonly@sipdiag.test",
                "info media.address-changed early-media@sipdiag.test",
            ]
        ),
    ])
    func findingsOfEachCapture(_ file: String, _ expected: [String]) throws {
        let findings = SIPDiagnosis.diagnose(try DiagnosisCaptures.analyze(file).calls)
        #expect(findings.map { "\($0.severity) \($0.code) \($0.callID ?? "-")" } == expected)
    }
}
