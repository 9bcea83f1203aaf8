import SIPCapture
public import SIPDiagnosis

/// Findings as plain text for a terminal: severity and code, the summary, the explanation, the
/// evidence and the fix, indented under each other.
public enum FindingText {
    /// "Findings:" and each finding, or "Findings: none" when there are none.
    public static func render(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "Findings: none\n" }
        var text = "Findings:\n"
        for finding in findings {
            text += "  \(finding.severity.rawValue.uppercased())  \(finding.code): \(finding.summary)\n"
            if !finding.explanation.isEmpty { text += "    \(finding.explanation)\n" }
            for item in finding.evidence { text += "    - \(evidence(item))\n" }
            if let fix = finding.fix, !fix.isEmpty { text += "    Fix: \(fix)\n" }
        }
        return text
    }

    /// "message 3 at 2024-09-27T10:00:00.123456Z: INVITE from ..." or the text alone.
    public static func evidence(_ item: FindingEvidence) -> String {
        var prefix = ""
        if let index = item.messageIndex { prefix = "message \(index + 1)" }
        if let time = item.time { prefix += (prefix.isEmpty ? "at " : " at ") + time.rfc3339(fractionDigits: 6) }
        return prefix.isEmpty ? item.text : prefix + ": " + item.text
    }
}
