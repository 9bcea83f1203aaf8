import SIPCapture

/// Where an address can be reached from: the NAT and media rules ask whether an address written
/// in a message (a Contact, a Via sent-by, an SDP `c=` line) can be reached across the Internet.
extension IPAddress {
    /// Behind a NAT: RFC 1918, RFC 6598 and RFC 4193 space (``AddressScope/isBehindNAT``).
    var isPrivate: Bool { AddressScope(self).isBehindNAT }

    /// Reachable from the internet (``AddressScope/global``).
    var isPublic: Bool { AddressScope(self).isGlobal }
}
