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
            guard let firstOctet, let value = SDPText.decimal(firstOctet) else { return false }
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
        _ value: Substring,
        offset: Int,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SDPConnection {
        let fields = SDPText.fields(value)
        guard fields.count >= 3 else {
            throw SIPParseError(
                .invalidBody,
                "c= needs 3 fields (network type, address type, address), found \(fields.count) "
                    + "(RFC 8866 section 5.7)",
                offset: offset
            )
        }
        if fields.count > 3 {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "c= has \(fields.count) fields instead of 3; the extra ones are ignored (RFC 8866 section 5.7)",
                    offset: offset
                )
            )
        }
        return try parse(
            networkType: fields[0],
            addressType: fields[1],
            address: fields[2],
            offset: offset
        )
    }

    /// The three fields of a connection, also used by `a=rtcp` (RFC 3605 section 2.1).
    static func parse(
        networkType: Substring,
        addressType: Substring,
        address: Substring,
        offset: Int?
    ) throws(SIPParseError) -> SDPConnection {
        let pieces = address.split(separator: "/", omittingEmptySubsequences: false)
        guard let host = pieces.first, !host.isEmpty, pieces.count <= 3 else {
            throw SIPParseError(
                .invalidBody,
                "c= address '\(address)' is not <address>[/<ttl>][/<count>] (RFC 8866 section 5.7)",
                offset: offset
            )
        }
        var connection = SDPConnection(
            networkType: String(networkType),
            addressType: String(addressType),
            address: String(host)
        )
        let suffixes = pieces.dropFirst()
        // IPv6 multicast has no TTL: its only suffix is the address count (RFC 8866 section 5.7).
        let hasTTL = addressType.uppercased() != "IP6"
        for (position, suffix) in suffixes.enumerated() {
            let isTTL = hasTTL && position == 0
            guard let number = SDPText.decimal(suffix, maximum: isTTL ? 255 : 65535) else {
                throw SIPParseError(
                    .invalidBody,
                    "c= \(isTTL ? "TTL" : "address count") '\(suffix)' is not a number "
                        + "in 0...\(isTTL ? 255 : 65535) (RFC 8866 section 5.7)",
                    offset: offset
                )
            }
            if isTTL {
                connection.ttl = number
            } else if connection.numberOfAddresses == nil {
                connection.numberOfAddresses = number
            } else {
                throw SIPParseError(
                    .invalidBody,
                    "c= IPv6 address '\(address)' has more than one '/' suffix (RFC 8866 section 5.7)",
                    offset: offset
                )
            }
        }
        return connection
    }
}
