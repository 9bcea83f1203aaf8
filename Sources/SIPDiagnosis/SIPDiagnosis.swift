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

    /// The checks against the account's configuration run by default.
    public static let defaultAccountRules: [any AccountRule] = [
        WhitelistRule(),
        OutboundRouteRule(),
        RegistrationRule(),
    ]

    /// The findings of `rules` over `calls`, plus the checks of the calls against `account`
    /// (its names resolved with `resolver`), plus which addresses were taken to be the
    /// platform's when that was inferred; ordered by severity, then time.
    public static func diagnose(
        _ calls: [SIPCall],
        account: AccountConfig,
        resolver: any HostResolver = SystemHostResolver(),
        options: DiagnosisOptions = DiagnosisOptions(),
        rules: [any DiagnosisRule] = defaultRules,
        accountRules: [any AccountRule] = defaultAccountRules
    ) -> [Finding] {
        let context = AccountContext(config: account, calls: calls, resolver: resolver, options: options)
        var accountFindings: [Finding] = []
        for call in calls {
            for rule in accountRules { accountFindings += rule.check(call, context: context) }
        }
        var findings = diagnose(calls, options: options, rules: rules).filter { general in
            !accountFindings.contains { $0.supersedes(general) }
        }
        findings += accountFindings
        findings += MissingRegistrationCheck.check(calls, context: context)
        if let inferred = PlatformInferenceFinding.make(context.platform) { findings.append(inferred) }
        return Finding.ordered(findings)
    }
}
