public import SIPCapture

/// A route of the configuration with the addresses its host stands for.
public struct ResolvedRoute: Sendable, Hashable {
    public var target: RouteTarget
    public var resolution: HostResolution

    public init(target: RouteTarget, resolver: any HostResolver) {
        self.target = target
        self.resolution =
            target.host.isEmpty ? .failed("the route has no host") : resolver.resolve(target.host)
    }

    /// Whether the route's host stands for `address`.
    public func points(to address: IPAddress) -> Bool { resolution.addresses.contains(address) }

    /// Why the host has no addresses, when it has none.
    public var resolutionProblem: String? {
        if case .failed(let reason) = resolution { return reason }
        return nil
    }

    /// "203.0.113.10:5060;transport=udp", plus " (sip.example.com = 203.0.113.10)" for a name.
    public var evidenceText: String {
        guard target.address == nil else { return "route \(target.text)" }
        switch resolution {
        case .addresses(let list):
            return "route \(target.text) (\(target.host) = \(list.map(\.description).joined(separator: ", ")))"
        case .failed(let reason): return "route \(target.text) (\(target.host) did not resolve: \(reason))"
        }
    }
}
