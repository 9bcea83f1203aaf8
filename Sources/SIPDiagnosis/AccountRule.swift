public import SIPAnalysis

/// One check of a call against the account's configuration (whitelist, routes, registration).
public protocol AccountRule: Sendable {
    /// The findings of this rule for `call`.
    func check(_ call: SIPCall, context: AccountContext) -> [Finding]
}
