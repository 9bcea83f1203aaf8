/// One finding shown in the "Findings" section of a report: what went wrong or deserves a look,
/// why, and what to do. Plain values, so any checker can fill them.
public struct ReportFinding: Hashable, Sendable {
    /// `error`, `warning` or `info` (other words are shown as written, unstyled).
    public var severity: String
    /// A stable identifier, e.g. `no-ack`.
    public var code: String
    /// One line.
    public var summary: String
    /// Why it matters, in plain language.
    public var explanation: String
    /// What to change, when known.
    public var fix: String?

    /// A finding; `fix` is optional.
    public init(severity: String, code: String, summary: String, explanation: String, fix: String? = nil) {
        self.severity = severity
        self.code = code
        self.summary = summary
        self.explanation = explanation
        self.fix = fix
    }
}
