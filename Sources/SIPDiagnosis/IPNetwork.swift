public import SIPCapture

/// An address block: an address and a prefix length (RFC 4632 section 3.1 for IPv4, RFC 4291
/// section 2.3 for IPv6). A single address is a block of one (`/32`, `/128`).
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    public var address: IPAddress
    public var prefixLength: Int

    public init(address: IPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = max(0, min(prefixLength, address.bytes.count * 8))
    }

    /// Parses `198.51.100.4`, `198.51.100.0/24`, `2001:db8::1` or `[2001:db8::1]`; `nil` when
    /// the text is neither an address nor an address with a valid prefix length.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let address = IPAddress(first) else { return nil }
        let bits = address.bytes.count * 8
        guard parts.count == 2 else {
            self.init(address: address, prefixLength: bits)
            return
        }
        guard let length = Int(parts[1]), (0...bits).contains(length) else { return nil }
        self.init(address: address, prefixLength: length)
    }

    /// Whether the block holds one address only.
    public var isSingleAddress: Bool { prefixLength == address.bytes.count * 8 }

    /// Whether `candidate` is inside the block (an IPv4 address is never inside an IPv6 block).
    public func contains(_ candidate: IPAddress) -> Bool {
        let (mine, theirs) = (address.bytes, candidate.bytes)
        guard mine.count == theirs.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(mine, theirs) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if a & mask != b & mask { return false }
            remaining -= 8
        }
        return true
    }

    public var description: String { isSingleAddress ? "\(address)" : "\(address)/\(prefixLength)" }
}
