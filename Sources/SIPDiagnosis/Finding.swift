public import SIPCapture

/// Something the diagnosis found in a call (or in the account's configuration): what, why it
/// matters in plain language, what shows it, and what to do.
public struct Finding: Sendable, Hashable {
    /// A stable identifier, `area.what` (e.g. `response.403`, `dialog.no-ack`,
    /// `whitelist.source-not-listed`): scripts may match on it.
    public var code: String
    public var severity: FindingSeverity
    /// One line.
    public var summary: String
    /// Why it matters and what usually causes it, in plain language.
    public var explanation: String
    /// The messages and configuration entries that show it.
    public var evidence: [FindingEvidence]
    /// A concrete action, with the sipdiag command where one exists.
    public var fix: String?
    /// The call it is about; `nil` for findings on the configuration alone.
    public var callID: String?

    public init(
        code: String,
        severity: FindingSeverity,
        summary: String,
        explanation: String,
        evidence: [FindingEvidence] = [],
        fix: String? = nil,
        callID: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
        self.evidence = evidence
        self.fix = fix
        self.callID = callID
    }

    /// The time of its first timed evidence, for ordering.
    public var time: CaptureTime? { evidence.lazy.compactMap(\.time).first }

    /// Severity first, then time (findings without a time last), then code: the order every
    /// output uses.
    public static func ordered(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.severity != b.severity { return a.severity < b.severity }
            switch (a.time, b.time) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.code != b.code { return a.code < b.code }
            return left.offset < right.offset
        }
        .map(\.element)
    }

    /// Whether this finding, from a check against the account, explains `general` (a failure
    /// response or a timeout of the same call, shown by the same messages) more precisely, so
    /// that the general one would only repeat it in vaguer words ("usually the source IP is not
    /// whitelisted" next to "203.0.113.7 is not in your whitelist").
    func supersedes(_ general: Finding) -> Bool {
        guard severity == .error, general.severity == .error, callID == general.callID,
            general.code.hasPrefix("response.") || general.code.hasPrefix("timeout.")
        else { return false }
        let times = Set(evidence.compactMap(\.time))
        let shown = general.evidence.compactMap(\.time)
        return !shown.isEmpty && shown.allSatisfy(times.contains)
    }
}
