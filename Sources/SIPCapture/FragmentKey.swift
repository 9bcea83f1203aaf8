/// What identifies the fragments of one IP datagram: RFC 791 section 3.2 (source,
/// destination, protocol, identification) and RFC 8200 section 4.5 (source, destination,
/// fragment identification).
///
/// The family is the addresses' family: an IPv6 key gets RFC 5722 overlap handling. For IPv6,
/// `protocolNumber` is the Next Header of the fragmentable part (the fragment header's).
struct FragmentKey: Hashable, Sendable {
    var source: IPAddress
    var destination: IPAddress
    /// 16 bits for IPv4, 32 bits for IPv6.
    var identification: UInt32
    var protocolNumber: UInt8

    /// Whether the datagram is IPv6, as told by its source address.
    var isIPv6: Bool { source.isIPv6 }
}
