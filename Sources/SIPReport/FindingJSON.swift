import SIPCapture
public import SIPDiagnosis

/// A finding as the JSON outputs write it: `{"code", "severity", "summary", "explanation",
/// "evidence": [{"message", "time", "text"}], "fix", "callId"}` (`message` is 1-based, as shown).
public enum FindingJSON {
    public static func value(_ finding: Finding) -> JSONValue {
        .object([
            .init("code", .string(finding.code)),
            .init("severity", .string(finding.severity.rawValue)),
            .init("summary", .string(finding.summary)),
            .init("explanation", .string(finding.explanation)),
            .init(
                "evidence",
                .array(
                    finding.evidence.map { item in
                        .object([
                            .init("message", item.messageIndex.map { .integer(Int64($0) + 1) } ?? .null),
                            .init("time", .string(item.time?.rfc3339(fractionDigits: 6))),
                            .init("text", .string(item.text)),
                        ])
                    }
                )
            ),
            .init("fix", .string(finding.fix)),
            .init("callId", .string(finding.callID)),
        ])
    }
}
