/// What the account is configured with: the SIP IP whitelist, the outbound routes, the
/// registration, and the platform's own addresses where known. Read from the API or from an
/// account file (``AccountConfig/decode(_:)``); each part is `nil` when not known, which is
/// different from an empty list.
public struct AccountConfig: Sendable, Hashable {
    public var whitelist: [WhitelistItem]?
    public var routes: [RouteTarget]?
    public var registration: RegistrationSettings?
    /// The platform's addresses as written (`"platform"` in the account file, or
    /// `--platform-ip`): they tell inbound calls from outbound ones.
    public var platformAddresses: [String]

    public init(
        whitelist: [WhitelistItem]? = nil,
        routes: [RouteTarget]? = nil,
        registration: RegistrationSettings? = nil,
        platformAddresses: [String] = []
    ) {
        self.whitelist = whitelist
        self.routes = routes
        self.registration = registration
        self.platformAddresses = platformAddresses
    }

    /// The platform addresses that parse, as blocks.
    public var platformNetworks: [IPNetwork] { platformAddresses.compactMap { IPNetwork($0) } }
}
