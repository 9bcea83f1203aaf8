import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// The final failure response of real SIPp calls (outcomes.pcap), explained.
@Suite struct ResponseCodeRuleTests {
    static let outcomes: [(callID: String, code: String, severity: FindingSeverity)] = [
        ("busy@sipdiag.test", "response.486", .info),
        ("cancelled@sipdiag.test", "response.487", .info),
        ("no-answer@sipdiag.test", "response.480", .warning),
        ("rejected@sipdiag.test", "response.403", .error),
        ("failed@sipdiag.test", "response.503", .error),
        ("redirected@sipdiag.test", "response.302", .error),
    ]

    @Test(arguments: outcomes)
    func failureResponseIsExplained(_ outcome: (callID: String, code: String, severity: FindingSeverity)) throws {
        let call = try RealCalls.call("outcomes.pcap", outcome.callID)
        let findings = ResponseCodeRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == [outcome.code])
        #expect(findings.map(\.severity) == [outcome.severity])
        #expect(findings.first?.callID == outcome.callID)
        #expect(findings.first?.fix?.isEmpty == false)
        // The INVITE is the call's first message.
        #expect(findings.first?.evidence.first?.messageIndex == 0)
        #expect(findings.first?.evidence.first?.text.hasPrefix("INVITE from 127.0.0.10:") == true)
    }

    @Test func forbiddenCarriesTheQ850Cause() throws {
        let call = try RealCalls.call("outcomes.pcap", "rejected@sipdiag.test")
        let finding = try #require(ResponseCodeRule().check(call, options: DiagnosisOptions()).first)
        // INVITE, 100, 403, ACK.
        #expect(finding.evidence.map(\.messageIndex) == [0, 2])
        #expect(finding.evidence.map(\.time) == [call.messages[0].time, call.messages[2].time])
        #expect(finding.evidence[0].text.hasSuffix("over UDP"))
        #expect(finding.evidence[1].text.hasPrefix("403 Forbidden to INVITE from "))
        #expect(finding.evidence[1].text.contains("Reason: Q.850;cause=21"))
        #expect(finding.explanation.contains("Q.850 cause 21 (Call rejected)"))
        #expect(finding.explanation.contains("whitelist"))
        #expect(finding.summary.hasPrefix("The call ended with 403 Forbidden from 127.0.0."))
    }

    @Test func failedCallWithoutProvisionalPointsAtThe503() throws {
        let call = try RealCalls.call("outcomes.pcap", "failed@sipdiag.test")
        let finding = try #require(ResponseCodeRule().check(call, options: DiagnosisOptions()).first)
        // INVITE, 503, ACK.
        #expect(finding.evidence.map(\.messageIndex) == [0, 1])
        #expect(finding.fix?.contains("Retry-After") == true)
    }

    @Test(arguments: RealCalls.goodCalls)
    func answeredCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        let call = try RealCalls.call(good.file, good.callID)
        #expect(ResponseCodeRule().check(call, options: DiagnosisOptions()).isEmpty)
    }

    @Test func knowledgeCoversTheCarrierCodesAndFallsBackByClass() {
        for status in [403, 404, 407, 408, 480, 484, 486, 487, 488, 500, 502, 503, 504, 603] {
            #expect(ResponseCodeKnowledge.table.contains { $0.statusCode == status }, "\(status)")
        }
        #expect(ResponseCodeKnowledge.entry(for: 420)?.meaning.contains("4xx") == true)
        #expect(ResponseCodeKnowledge.entry(for: 599)?.meaning.contains("5xx") == true)
        #expect(ResponseCodeKnowledge.entry(for: 699)?.meaning.contains("6xx") == true)
        #expect(ResponseCodeKnowledge.entry(for: 200) == nil)
        #expect(ResponseCodeKnowledge.table.map(\.statusCode) == ResponseCodeKnowledge.table.map(\.statusCode).sorted())
    }
}
