import SIPCapture
import SIPDiagnosis
import Testing

/// Findings appear by severity, then by time, then by code, in every output.
@Suite struct FindingOrderTests {
    static func finding(_ code: String, _ severity: FindingSeverity, at seconds: Int64?) -> Finding {
        Finding(
            code: code,
            severity: severity,
            summary: code,
            explanation: "",
            evidence: seconds.map {
                [FindingEvidence(messageIndex: 0, time: CaptureTime(nanoseconds: $0 * 1_000_000_000), text: "")]
            } ?? []
        )
    }

    @Test func severityThenTimeThenCode() {
        let findings = [
            Self.finding("info.a", .info, at: 1),
            Self.finding("warning.late", .warning, at: 9),
            Self.finding("error.untimed", .error, at: nil),
            Self.finding("error.b", .error, at: 5),
            Self.finding("error.a", .error, at: 5),
            Self.finding("warning.early", .warning, at: 2),
        ]
        #expect(
            Finding.ordered(findings).map(\.code) == [
                "error.a", "error.b", "error.untimed", "warning.early", "warning.late", "info.a",
            ]
        )
    }
}
