import SIPCapture

/// Where an address can be reached from: the NAT and media rules ask whether an address written
/// in a message (a Contact, a Via sent-by, an SDP `c=` line) can be reached across the Internet.
extension IPAddress {
    /// RFC 1918 (10/8, 172.16/12, 192.168/16), RFC 6598 (100.64/10), RFC 4193 (fc00::/7).
    var isPrivate: Bool {
        let b = bytes
        guard b.count >= 2 else { return false }
        if isIPv6 { return b[0] & 0xFE == 0xFC }
        return b[0] == 10 || (b[0] == 172 && b[1] & 0xF0 == 16) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] & 0xC0 == 64)
    }

    /// Neither private, loopback, link-local, unspecified nor multicast.
    var isPublic: Bool {
        let b = bytes
        guard b.count >= 2, !isPrivate, !b.allSatisfy({ $0 == 0 }) else { return false }
        if isIPv6 {
            let loopback = b.dropLast().allSatisfy { $0 == 0 } && b.last == 1
            return !loopback && !(b[0] == 0xFE && b[1] & 0xC0 == 0x80) && b[0] != 0xFF
        }
        return b[0] != 127 && !(b[0] == 169 && b[1] == 254) && b[0] < 224 && b[0] != 0
    }
}
