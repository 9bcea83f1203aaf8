import SIPCapture

/// A subscriber of the made-up PBX: an extension, a display name, a phone model and the
/// addresses its phone uses. Derived from an index, so nothing needs storing.
struct User {
    var number: String
    var displayName: String
    var userAgent: String
    var ipv4: IPAddress
    var ipv6: IPAddress

    /// Extensions 2000 to 2000 + count - 1.
    static let count = 6000

    /// The subscriber number `index` (0 ..< ``count``).
    init(index: Int) {
        number = String(2000 + index)
        displayName =
            "\(Self.firstNames[index % Self.firstNames.count]) \(Self.lastNames[index / 7 % Self.lastNames.count])"
        userAgent = Self.userAgents[index % Self.userAgents.count]
        // 10.20.0.10 upwards, 200 phones per /24.
        ipv4 = .v4(0x0a14_0000 | UInt32(index / 200) << 8 | UInt32(index % 200 + 10))
        // 2001:db8:20::100 upwards.
        ipv6 = .v6(high: 0x2001_0db8_0020_0000, low: 0x100 + UInt64(index))
    }

    private static let firstNames = [
        "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory", "Niaj",
        "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Zoe",
    ]
    private static let lastNames = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    ]
    private static let userAgents = [
        "Yealink SIP-T46S 66.86.0.15", "Yealink SIP-T54W 96.86.0.100", "Grandstream GXP2170 1.0.11.79",
        "PolycomVVX-VVX_450-UA/6.4.3.5018", "Cisco/SPA504G-7.6.2f", "snom D785/10.1.141.13",
        "Zoiper rv2.10.19.5", "Linphone-Desktop/5.2.4 (belle-sip/5.3.38)", "MicroSIP/3.21.3",
        "Fanvil X4U 2.12.18",
    ]
}
