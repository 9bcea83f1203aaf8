public import SIPCapture

/// The aliases in force: the most specific match wins (a port-specific alias over an address,
/// a longer prefix over a shorter one), so `10.0.0.0/8=LAN` and `10.0.0.5=PBX` work together.
public struct HostAliases: Hashable, Sendable {
    public private(set) var aliases: [HostAlias]

    public init(_ aliases: [HostAlias] = []) {
        self.aliases = aliases
    }

    /// Reads a file of aliases: one `IP[/prefix][:port]=NAME` per line; blank lines and lines
    /// starting with `#` are skipped. Errors name the line.
    public static func parse(file text: String) -> Result<HostAliases, HostAliasError> {
        var aliases: [HostAlias] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingSpaces.replacing("\r", with: "")
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            switch HostAlias.parse(trimmed) {
            case .success(let alias): aliases.append(alias)
            case .failure(let error): return .failure(HostAliasError("line \(number + 1): \(error.message)"))
            }
        }
        return .success(HostAliases(aliases))
    }

    public mutating func add(_ alias: HostAlias) { aliases.append(alias) }

    /// The name of `endpoint`, if an alias covers it.
    public func name(for endpoint: Endpoint) -> String? {
        aliases.filter { $0.matches(endpoint) }.max { left, right in
            (left.port != nil ? 1 : 0, left.prefixLength) < (right.port != nil ? 1 : 0, right.prefixLength)
        }?.name
    }
}
