public import SIPAnalysis

/// One check of a call. Rules are independent: each looks at the whole call (its messages,
/// transactions, dialogs, media) and returns what it found, or nothing.
public protocol DiagnosisRule: Sendable {
    /// The findings of this rule for `call`.
    func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding]
}
