/// A `c=` line: where media is sent (RFC 8866 section 5.7).
///
/// `c=<nettype> <addrtype> <connection-address>`, where an IPv4 multicast address carries
/// `/<ttl>[/<number of addresses>]` and an IPv6 multicast address `/<number of addresses>`.
public struct SDPConnection: Hashable, Sendable, CustomStringConvertible {
    /// `IN` for the Internet.
    public var networkType: String
    /// `IP4` or `IP6`.
    public var addressType: String
    /// The address or host name, without the `/ttl/count` suffix.
    public var address: String
    /// Time to live of an IPv4 multicast address, 0 to 255 (RFC 8866 section 5.7).
    public var ttl: Int?
    /// Number of consecutive multicast addresses (RFC 8866 section 5.7), when given.
    public var numberOfAddresses: Int?

    public init(
        networkType: String,
        addressType: String,
        address: String,
        ttl: Int? = nil,
        numberOfAddresses: Int? = nil
    ) {
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
        self.ttl = ttl
        self.numberOfAddresses = numberOfAddresses
    }

    /// `c=IN IP4 0.0.0.0`: the RFC 2543 way to put a stream on hold, still sent by older
    /// equipment (RFC 3264 section 8.4 keeps it recognizable).
    public var isHoldAddress: Bool {
        addressType.uppercased() == "IP4" && address == "0.0.0.0"
    }

    /// An IPv4 address in 224.0.0.0/4 or an IPv6 address in ff00::/8 (RFC 8866 section 5.7:
    /// only multicast addresses carry a TTL or an address count).
    public var isMulticast: Bool {
        switch addressType.uppercased() {
        case "IP4":
            let firstOctet = address.split(separator: ".", omittingEmptySubsequences: false).first
            guard let firstOctet, let value = SDPText.decimal(firstOctet.utf8) else { return false }
            return (224...239).contains(value)
        case "IP6":
            return address.lowercased().hasPrefix("ff")
        default:
            return false
        }
    }

    public var description: String {
        var text = "\(networkType) \(addressType) \(address)"
        if let ttl { text += "/\(ttl)" }
        if let numberOfAddresses { text += "/\(numberOfAddresses)" }
        return text
    }

    /// Parses the value of a `c=` line. Extra fields (seen in the wild, e.g. `UNHOLD`) are
    /// noted and ignored; fewer than three fields or a bad TTL throw.
    static func parse(
        _ value: SDPBytes,
        offset: Int,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SDPConnection {
        let (networkType, addressType, address) = try fields(value, offset: offset, notes: &notes)
        return try parse(networkType: networkType, addressType: addressType, address: address, offset: offset)
    }

    /// A `c=` line of a parsed body read back when asked for: the parse already reported its
    /// notes, and one that does not parse is skipped (`nil`).
    static func read(_ value: SDPBytes) -> SDPConnection? {
        var notes: [SIPParseNote] = []
        return try? parse(value, offset: 0, notes: &notes)
    }

    /// Checks the value of a `c=` line as ``parse(_:offset:notes:)`` does (the same notes and
    /// errors) without making any String: what the SDP parser runs on every body.
    static func check(_ value: SDPBytes, offset: Int, notes: inout [SIPParseNote]) throws(SIPParseError) {
        let (_, addressType, address) = try fields(value, offset: offset, notes: &notes)
        _ = try suffixes(addressType: addressType, address: address, offset: offset)
    }

    /// The three fields of a `c=` value; extra ones are noted, missing ones throw.
    private static func fields(
        _ value: SDPBytes,
        offset: Int,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> (SDPBytes, SDPBytes, SDPBytes) {
        var position = value.startIndex
        let networkType = SDPText.nextField(value, from: &position)
        let addressType = SDPText.nextField(value, from: &position)
        let address = SDPText.nextField(value, from: &position)
        guard let networkType, let addressType, let address else {
            throw SIPParseError(
                .invalidBody,
                "c= needs 3 fields (network type, address type, address), found \(SDPText.fieldCount(value)) "
                    + "(RFC 8866 section 5.7)",
                offset: offset
            )
        }
        if SDPText.nextField(value, from: &position) != nil {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "c= has \(SDPText.fieldCount(value)) fields instead of 3; the extra ones are ignored "
                        + "(RFC 8866 section 5.7)",
                    offset: offset
                )
            )
        }
        return (networkType, addressType, address)
    }

    /// The three fields of a connection, also used by `a=rtcp` (RFC 3605 section 2.1).
    static func parse(
        networkType: SDPBytes,
        addressType: SDPBytes,
        address: SDPBytes,
        offset: Int?
    ) throws(SIPParseError) -> SDPConnection {
        let (host, ttl, count) = try suffixes(addressType: addressType, address: address, offset: offset)
        return SDPConnection(
            networkType: SDPText.token(networkType),
            addressType: SDPText.token(addressType),
            address: SDPText.string(host),
            ttl: ttl,
            numberOfAddresses: count
        )
    }

    /// The host of a connection address and its TTL and address count (RFC 8866 section 5.7).
    private static func suffixes(
        addressType: SDPBytes,
        address: SDPBytes,
        offset: Int?
    ) throws(SIPParseError) -> (host: SDPBytes, ttl: Int?, count: Int?) {
        // <address>[/<ttl>][/<count>]: at most two slashes.
        guard let (host, first, second) = SDPText.slashParts(address), !host.isEmpty else {
            throw SIPParseError(
                .invalidBody,
                "c= address '\(SDPText.string(address))' is not <address>[/<ttl>][/<count>] (RFC 8866 section 5.7)",
                offset: offset
            )
        }
        var ttl: Int?
        var count: Int?
        // IPv6 multicast has no TTL: its only suffix is the address count (RFC 8866 section 5.7).
        let hasTTL = !SDPText.equalsIgnoringCase(addressType, ip6)
        if let first {
            let number = try suffixNumber(first, isTTL: hasTTL, offset: offset)
            if hasTTL { ttl = number } else { count = number }
        }
        if let second {
            let number = try suffixNumber(second, isTTL: false, offset: offset)
            guard hasTTL else {
                throw SIPParseError(
                    .invalidBody,
                    "c= IPv6 address '\(SDPText.string(address))' has more than one '/' suffix (RFC 8866 section 5.7)",
                    offset: offset
                )
            }
            count = number
        }
        return (host, ttl, count)
    }

    /// `ip6`, compared ignoring case (RFC 8866 section 5.7 address types are tokens).
    private static let ip6 = Array("ip6".utf8)

    /// A TTL (0 to 255) or an address count (0 to 65535) after a `/` of a connection address.
    private static func suffixNumber(
        _ text: SDPBytes,
        isTTL: Bool,
        offset: Int?
    ) throws(SIPParseError) -> Int {
        guard let number = SDPText.decimal(text, maximum: isTTL ? 255 : 65535) else {
            throw SIPParseError(
                .invalidBody,
                "c= \(isTTL ? "TTL" : "address count") '\(SDPText.string(text))' is not a number "
                    + "in 0...\(isTTL ? 255 : 65535) (RFC 8866 section 5.7)",
                offset: offset
            )
        }
        return number
    }
}
