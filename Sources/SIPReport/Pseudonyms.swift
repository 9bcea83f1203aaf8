public import SIPCapture

/// The stand-ins of personal data in a report made with `--redact-pii`: the same original
/// always gets the same stand-in, so a ladder still reads (the PBX is always 240.0.0.1) while
/// nothing says who called whom from where. Stand-ins are handed out in the order the
/// originals are first met, so the same input gives the same report.
///
/// IPv4 addresses become `240.0.0.N` (RFC 1112 section 4's reserved class E, never routed) and
/// IPv6 addresses `100::N` (the discard-only prefix of RFC 6666), so lanes and messages keep
/// the shape of an address; every address in the report is a stand-in, so none is ambiguous.
public struct Pseudonyms: Sendable {
    public private(set) var addresses: [IPAddress: IPAddress] = [:]
    public private(set) var users: [String: String] = [:]
    public private(set) var names: [String: String] = [:]
    private var numberCount = 0
    private var userCount = 0
    private var ipv4Count: UInt64 = 0
    private var ipv6Count: UInt64 = 0
    /// Every stand-in handed out, so that one met again in later text stays as it is (one
    /// lookup, not a search of every mapping: a whole-capture report has thousands).
    private var standIns: Set<String> = []
    private var addressStandIns: Set<IPAddress> = []

    public init() {}

    /// The stand-in of `address`.
    public mutating func address(for address: IPAddress) -> IPAddress {
        if let known = addresses[address] { return known }
        // Later passes (the findings' text) meet stand-ins already written: they stay as they are.
        if addressStandIns.contains(address) { return address }
        let standIn: IPAddress
        if address.isIPv6 {
            ipv6Count += 1
            standIn = .v6(high: 0x0100_0000_0000_0000, low: ipv6Count)
        } else {
            ipv4Count += 1
            standIn = .v4(0xF000_0000 | UInt32(truncatingIfNeeded: ipv4Count & 0x0FFF_FFFF))
        }
        addresses[address] = standIn
        addressStandIns.insert(standIn)
        return standIn
    }

    /// The stand-in of a URI's user part or a phone number: `number-N` for what looks like a
    /// telephone number (RFC 3966 digits and visual separators), `user-N` for a name.
    public mutating func user(for user: String) -> String {
        if let known = users[user] { return known }
        if standIns.contains(user) { return user }
        let standIn: String
        if Self.looksLikeNumber(user) {
            numberCount += 1
            standIn = "number-\(numberCount)"
        } else {
            userCount += 1
            standIn = "user-\(userCount)"
        }
        users[user] = standIn
        standIns.insert(standIn)
        return standIn
    }

    /// The stand-in of a display name (RFC 3261 section 20.10): `Name N`.
    public mutating func name(for name: String) -> String {
        if let known = names[name] { return known }
        if standIns.contains(name) { return name }
        let standIn = "Name \(names.count + 1)"
        names[name] = standIn
        standIns.insert(standIn)
        return standIn
    }

    /// A global number (`+` and digits) or a local one of three digits or more, with RFC 3966's
    /// visual separators.
    static func looksLikeNumber(_ text: String) -> Bool {
        var digits = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9": digits += 1
            case "+" where offset == 0: continue
            case "-", ".", "(", ")": continue
            default: return false
            }
        }
        return digits >= 3
    }
}
