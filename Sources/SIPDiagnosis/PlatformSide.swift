public import SIPAnalysis
public import SIPCapture

/// Which addresses of a capture are the platform's, so that a call can be told inbound (from
/// the customer's equipment to the platform: the whitelist applies) from outbound (from the
/// platform to a route: the routes apply).
///
/// Addresses come from the configuration (`"platform"` in the account file, `--platform-ip`)
/// and, beyond those, are inferred from the capture: the sender of the account's REGISTER,
/// the sender of an INVITE to an outbound route, and the receiver of an INVITE from a
/// whitelisted address. What was inferred is reported, never silently assumed.
public struct PlatformSide: Sendable, Hashable {
    /// Blocks given by the user.
    public var configured: [IPNetwork]
    /// Addresses inferred from the capture, with the reason.
    public var inferred: [PlatformAddress]

    public init(configured: [IPNetwork] = [], inferred: [PlatformAddress] = []) {
        self.configured = configured
        self.inferred = inferred
    }

    /// Whether `address` is the platform's.
    public func contains(_ address: IPAddress) -> Bool {
        configured.contains { $0.contains(address) } || inferred.contains { $0.address == address }
    }

    /// Whether nothing is known about the platform.
    public var isEmpty: Bool { configured.isEmpty && inferred.isEmpty }

    /// The platform of `calls` under `config`: the configured blocks, plus what the calls show
    /// when no configured block appears in them.
    public static func infer(
        calls: [SIPCall],
        config: AccountConfig,
        routes: [ResolvedRoute],
        registrar: ResolvedRoute?
    ) -> PlatformSide {
        var side = PlatformSide(configured: config.platformNetworks)
        let customer = CustomerAddresses(config: config, routes: routes, registrar: registrar)
        for call in calls {
            for transaction in call.transactions where transaction.isOutOfDialog {
                guard let reason = inferenceReason(transaction, call: call, config: config, routes: routes),
                    let address = reason.platform
                else { continue }
                // Configured platform blocks win, and the customer's own addresses never count.
                if side.contains(address) || customer.contains(address) { continue }
                side.inferred.append(
                    PlatformAddress(
                        address: address,
                        reason: reason.text,
                        callID: call.callID,
                        time: transaction.requestTime
                    )
                )
            }
        }
        return side
    }

    private static func inferenceReason(
        _ transaction: SIPTransaction,
        call: SIPCall,
        config: AccountConfig,
        routes: [ResolvedRoute]
    ) -> (platform: IPAddress?, text: String)? {
        let (client, server) = (transaction.client.address, transaction.server.address)
        switch transaction.method {
        case "REGISTER":
            guard let registration = config.registration, let aor = call.registration?.addressOfRecord,
                SIPCall.sameAddressOfRecord(aor, registration.bareAOR)
            else { return nil }
            return (client, "sent the REGISTER of \(registration.bareAOR), the account's registration")
        case "INVITE":
            if let route = routes.first(where: { $0.points(to: server) }) {
                return (client, "sent an INVITE to \(route.evidenceText)")
            }
            if let entry = config.whitelist?.first(where: { $0.admitsAddress(client) }) {
                return (server, "received an INVITE from \(entry), which is whitelisted")
            }
            return nil
        default:
            return nil
        }
    }
}

/// The addresses the configuration names for the customer's side: whitelist entries, routes
/// and the registrar. They are never the platform.
private struct CustomerAddresses {
    var networks: [IPNetwork]
    var addresses: Set<IPAddress>

    init(config: AccountConfig, routes: [ResolvedRoute], registrar: ResolvedRoute?) {
        networks = (config.whitelist ?? []).compactMap(\.network)
        addresses = Set((routes + (registrar.map { [$0] } ?? [])).flatMap(\.resolution.addresses))
    }

    func contains(_ address: IPAddress) -> Bool {
        addresses.contains(address) || networks.contains { $0.contains(address) }
    }
}
