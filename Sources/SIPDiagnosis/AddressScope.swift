public import SIPCapture

/// Where an address can be reached from, for judging NAT and whitelist entries.
public enum AddressScope: String, Sendable, Hashable, CustomStringConvertible {
    /// Reachable from the internet.
    case global
    /// RFC 1918 (10/8, 172.16/12, 192.168/16) and RFC 4193 (fc00::/7): behind NAT.
    case privateNetwork = "private"
    /// RFC 6598 shared address space (100.64/10): behind a carrier-grade NAT.
    case sharedCarrierNAT = "carrier-grade NAT"
    /// 127/8 and ::1 (RFC 1122 section 3.2.1.3, RFC 4291 section 2.5.3).
    case loopback
    /// 169.254/16 and fe80::/10 (RFC 3927, RFC 4291 section 2.5.6).
    case linkLocal = "link-local"
    /// 0.0.0.0 and :: (RFC 1122, RFC 4291 section 2.5.2).
    case unspecified
    /// 224/4 and ff00::/8.
    case multicast
    /// Other IANA special-purpose blocks that never appear as a source on the internet: 0/8,
    /// 192.0.0/24, 198.18/15 (benchmarking), 240/4 and broadcast (RFC 6890).
    case reserved

    /// The scope of `address`.
    ///
    /// The documentation blocks of RFC 5737 and RFC 3849 (192.0.2/24, 198.51.100/24,
    /// 203.0.113/24, 2001:db8::/32) count as global: examples and test captures use them to
    /// stand for public addresses, which is exactly what they mean there.
    public init(_ address: IPAddress) {
        let b = address.bytes
        if address.isIPv6 {
            self = Self.scopeOfIPv6(b)
        } else {
            self = Self.scopeOfIPv4(b)
        }
    }

    /// Whether a host with this address is reachable from the internet.
    public var isGlobal: Bool { self == .global }

    /// Whether an address of this scope in a public signalling path means a NAT in between.
    public var isBehindNAT: Bool { self == .privateNetwork || self == .sharedCarrierNAT }

    public var description: String { rawValue }

    private static func scopeOfIPv4(_ b: [UInt8]) -> AddressScope {
        guard b.count == 4 else { return .reserved }
        switch (b[0], b[1], b[2]) {
        case (0, 0, 0) where b[3] == 0: return .unspecified
        case (0, _, _): return .reserved
        case (10, _, _), (192, 168, _): return .privateNetwork
        case (172, let second, _) where second & 0xF0 == 16: return .privateNetwork
        case (100, let second, _) where second & 0xC0 == 64: return .sharedCarrierNAT
        case (127, _, _): return .loopback
        case (169, 254, _): return .linkLocal
        case (192, 0, 0): return .reserved
        case (198, let second, _) where second & 0xFE == 18: return .reserved
        case (let first, _, _) where first >= 224 && first < 240: return .multicast
        case (let first, _, _) where first >= 240: return .reserved
        default: return .global
        }
    }

    private static func scopeOfIPv6(_ b: [UInt8]) -> AddressScope {
        guard b.count == 16 else { return .reserved }
        if b.allSatisfy({ $0 == 0 }) { return .unspecified }
        if b.dropLast().allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
        // An IPv4-mapped address (::ffff:a.b.c.d, RFC 4291 section 2.5.5.2) has the IPv4 scope.
        if b.prefix(10).allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {
            return scopeOfIPv4(Array(b.suffix(4)))
        }
        if b[0] & 0xFE == 0xFC { return .privateNetwork }
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return .linkLocal }
        if b[0] == 0xFF { return .multicast }
        return .global
    }
}
