public import SIPAnalysis

/// How lanes are formed: per `ip:port` (the default, as sngrep and Wireshark do), or per IP
/// with every port merged, and what the lanes are called.
public struct LadderOptions: Hashable, Sendable {
    public var aliases: HostAliases
    public var mergePorts: Bool

    public init(aliases: HostAliases = HostAliases(), mergePorts: Bool = false) {
        self.aliases = aliases
        self.mergePorts = mergePorts
    }
}
