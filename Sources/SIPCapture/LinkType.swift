/// A pcap/pcapng link-layer header type (the tcpdump.org `LINKTYPE_` registry).
struct LinkType: Hashable, Sendable, CustomStringConvertible {
    var rawValue: UInt32

    init(_ rawValue: UInt32) { self.rawValue = rawValue }

    static let null = LinkType(0)
    static let ethernet = LinkType(1)
    static let ppp = LinkType(9)
    static let rawOld12 = LinkType(12)
    static let pppHDLC = LinkType(50)
    static let rawOld14 = LinkType(14)
    static let raw = LinkType(101)
    static let loop = LinkType(108)
    static let linuxSLL = LinkType(113)
    static let ipv4 = LinkType(228)
    static let ipv6 = LinkType(229)
    static let linuxSLL2 = LinkType(276)

    /// The registry name, so that "unsupported link type" messages say what the file holds.
    var name: String {
        switch rawValue {
        case 0: "NULL (BSD loopback)"
        case 1: "ETHERNET"
        case 6: "IEEE802_5 (Token Ring)"
        case 9: "PPP"
        case 12, 14, 101: "RAW (IP)"
        case 50: "PPP_HDLC"
        case 105: "IEEE802_11 (Wi-Fi)"
        case 108: "LOOP (OpenBSD loopback)"
        case 113: "LINUX_SLL"
        case 127: "IEEE802_11_RADIOTAP"
        case 147...162: "USER\(rawValue - 147)"
        case 187: "BLUETOOTH_HCI_H4"
        case 189: "USB_LINUX"
        case 192: "PPI"
        case 195: "IEEE802_15_4"
        case 197: "ERF"
        case 220: "USB_LINUX_MMAPPED"
        case 228: "IPV4"
        case 229: "IPV6"
        case 249: "NETLINK"
        case 276: "LINUX_SLL2"
        default: "unknown"
        }
    }

    var description: String { "\(rawValue) (\(name))" }
}
