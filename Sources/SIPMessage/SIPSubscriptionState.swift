/// The Subscription-State header value of a NOTIFY (RFC 6665 section 8.2.3 and 8.4):
/// `Subscription-State = "Subscription-State" HCOLON substate-value *(SEMI subexp-params)`,
/// `substate-value = "active" / "pending" / "terminated" / extension-substate`,
/// `subexp-params = ("reason" EQUAL event-reason-value) / ("expires" EQUAL delta-seconds) /
/// ("retry-after" EQUAL delta-seconds) / generic-param`.
public struct SIPSubscriptionState: Hashable, Sendable {
    /// The state as written (`active`, `pending`, `terminated` or an extension).
    public var state: String
    /// All parameters in the order written.
    public var parameters: SIPParameters
    /// `expires`, already checked to be `delta-seconds`.
    public var expires: UInt32?
    /// `retry-after`, already checked to be `delta-seconds`.
    public var retryAfter: UInt32?

    public init(
        state: String,
        parameters: SIPParameters = SIPParameters(),
        expires: UInt32? = nil,
        retryAfter: UInt32? = nil
    ) {
        self.state = state
        self.parameters = parameters
        self.expires = expires
        self.retryAfter = retryAfter
    }

    /// `reason` (e.g. `deactivated`, `timeout`, `rejected`; RFC 6665 section 8.4 event-reason-value).
    public var reason: String? {
        parameters.parameter("reason")?.value
    }

    /// ABNF literals are case-insensitive (RFC 2234 section 2.3), so `Active` is `active`.
    public var isActive: Bool { state.lowercased() == "active" }
    public var isPending: Bool { state.lowercased() == "pending" }
    public var isTerminated: Bool { state.lowercased() == "terminated" }

    /// Parses one value. `expires` or `retry-after` without a number, or above 2**32-1, is an
    /// error whose offset is the start of the header value (parameters keep no positions).
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> SIPSubscriptionState {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        let start = scanner.index
        guard let state = scanner.token() else {
            throw SIPParseError(
                .invalidHeaderValue,
                "expected a subscription state token (RFC 6665 section 8.4 substate-value)",
                offset: start
            )
        }
        let parameters = try scanner.parameters(limits: limits)
        try SIPHeaderValueText.expectEnd(&scanner, after: "Subscription-State parameters", rule: "RFC 6665 section 8.4")
        return SIPSubscriptionState(
            state: String(decoding: state, as: UTF8.self),
            parameters: parameters,
            expires: try deltaSeconds(parameters, "expires", offset: start),
            retryAfter: try deltaSeconds(parameters, "retry-after", offset: start)
        )
    }

    private static func deltaSeconds(
        _ parameters: SIPParameters,
        _ name: String,
        offset: Int
    ) throws(SIPParseError) -> UInt32? {
        guard let parameter = parameters.parameter(name) else { return nil }
        let value = try SIPHeaderValueText.decimal(
            Array((parameter.value ?? "").utf8),
            offset: offset,
            offsetIsExact: false,
            maximum: UInt64(UInt32.max),
            field: "Subscription-State \(name)",
            rule: "RFC 6665 section 8.4 delta-seconds"
        )
        return UInt32(truncatingIfNeeded: value)
    }
}
