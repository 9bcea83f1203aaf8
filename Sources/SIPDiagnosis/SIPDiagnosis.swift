public import SIPAnalysis

/// Diagnoses calls: every rule over every call, the findings in the order every output uses
/// (``Finding/ordered(_:)``).
public enum SIPDiagnosis {
    /// The rules run by default.
    public static let defaultRules: [any DiagnosisRule] = [
        ResponseCodeRule(),
        TimeoutRule(),
        NoACKRule(),
        ACKTimeoutRule(),
        CancelRaceRule(),
        SessionTimerRule(),
        UnansweredBYERule(),
        PostDialDelayRule(),
        RetransmissionRule(),
        RetransmissionStormRule(),
        MediaAddressRule(),
        CodecMismatchRule(),
        MediaDirectionRule(),
        MediaAddressChangeRule(),
        NATAddressRule(),
    ]

    /// The findings of `rules` over `calls`, ordered by severity, then time.
    public static func diagnose(
        _ calls: [SIPCall],
        options: DiagnosisOptions = DiagnosisOptions(),
        rules: [any DiagnosisRule] = defaultRules
    ) -> [Finding] {
        var findings: [Finding] = []
        for call in calls {
            for rule in rules { findings += rule.check(call, options: options) }
        }
        return Finding.ordered(findings)
    }
}
