public import SIPCapture

/// Turns a host name of the configuration (a route, the registrar) into addresses. The checks
/// take it as a parameter so that tests and offline use can pin the answers.
public protocol HostResolver: Sendable {
    /// The addresses of `host`, or why there are none.
    func resolve(_ host: String) -> HostResolution
}

/// The answer of a ``HostResolver``.
public enum HostResolution: Sendable, Hashable {
    case addresses([IPAddress])
    /// The name could not be resolved; the text says why ("no such host", "no network").
    case failed(String)

    /// The addresses, empty when resolution failed.
    public var addresses: [IPAddress] {
        if case .addresses(let list) = self { return list }
        return []
    }
}

/// Answers from a fixed table (addresses resolve to themselves), for tests and for working
/// offline: a name missing from the table does not resolve.
public struct FixedHostResolver: HostResolver {
    public var table: [String: [IPAddress]]

    public init(_ table: [String: [IPAddress]] = [:]) { self.table = table }

    public func resolve(_ host: String) -> HostResolution {
        if let address = IPAddress(host) { return .addresses([address]) }
        guard let addresses = table[host.lowercased()], !addresses.isEmpty else {
            return .failed("\(host) is not in the table of known hosts")
        }
        return .addresses(addresses)
    }
}
