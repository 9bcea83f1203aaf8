import SIPDiagnosis

/// `--fail-on error|warning`: for scripts and CI, exit 1 when the diagnosis found something of
/// that severity or worse. Without it, findings never change the exit code.
struct FailOn {
    static let option = "--fail-on"
    static let choices = ["error", "warning"]
    static let help = """
          --fail-on <severity>    error or warning: exit with 1 when a finding of that severity
                                  (or worse) is found.
        """

    let threshold: FindingSeverity?

    init(_ parsed: ParsedArguments) {
        threshold = parsed.value(Self.option).flatMap(FindingSeverity.init(rawValue:))
    }

    /// `status` unchanged, unless it is success and a finding reaches the threshold.
    func status(_ status: ExitCode, findings: [Finding]) -> ExitCode {
        guard status == .success, let threshold, findings.contains(where: { $0.severity <= threshold }) else {
            return status
        }
        return .problemsFound
    }
}
