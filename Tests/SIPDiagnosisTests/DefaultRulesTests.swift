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
