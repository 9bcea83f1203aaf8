/// The `o=` line: who made the session description and which version it is (RFC 8866 section 5.2).
///
/// `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`. The session id
/// and version are kept as written: RFC 8866 section 5.2 only asks for digits, and 64-bit values
/// (and longer ones from sloppy stacks) are common, so no width is imposed.
public struct SDPOrigin: Hashable, Sendable, CustomStringConvertible {
    /// The user's login on the originating host, `-` when none (RFC 8866 section 5.2).
    public var username: String
    /// Numeric session identifier, as written.
    public var sessionID: String
    /// Version of this session description, as written; it increases with each change
    /// (RFC 3264 section 8).
    public var sessionVersion: String
    /// `IN` for the Internet (RFC 8866 section 5.2).
    public var networkType: String
    /// `IP4` or `IP6` (RFC 8866 section 5.2).
    public var addressType: String
    /// Address or host name of the machine that created the description.
    public var unicastAddress: String

    public init(
        username: String,
        sessionID: String,
        sessionVersion: String,
        networkType: String,
        addressType: String,
        unicastAddress: String
    ) {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.networkType = networkType
        self.addressType = addressType
        self.unicastAddress = unicastAddress
    }

    /// The session version as a number, when it is one that fits in 64 bits (RFC 3264 section 8
    /// compares versions to detect a changed offer).
    public var sessionVersionNumber: UInt64? {
        guard !sessionVersion.isEmpty, sessionVersion.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return UInt64(sessionVersion)
    }

    public var description: String {
        "\(username) \(sessionID) \(sessionVersion) \(networkType) \(addressType) \(unicastAddress)"
    }

    /// Parses the value of an `o=` line. Extra fields are noted and ignored; missing ones throw.
    static func parse(
        _ value: Substring,
        offset: Int,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SDPOrigin {
        let fields = SDPText.fields(value)
        guard fields.count >= 6 else {
            throw SIPParseError(
                .invalidBody,
                "o= needs 6 fields (username, session id, version, network type, address type, address), "
                    + "found \(fields.count) (RFC 8866 section 5.2)",
                offset: offset
            )
        }
        if fields.count > 6 {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "o= has \(fields.count) fields instead of 6; the extra ones are ignored (RFC 8866 section 5.2)",
                    offset: offset
                )
            )
        }
        for (index, field) in fields[1...2].enumerated()
        where field.isEmpty || !field.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "o= \(index == 0 ? "session id" : "session version") '\(field)' is not numeric "
                        + "(RFC 8866 section 5.2)",
                    offset: offset
                )
            )
        }
        return SDPOrigin(
            username: String(fields[0]),
            sessionID: String(fields[1]),
            sessionVersion: String(fields[2]),
            networkType: String(fields[3]),
            addressType: String(fields[4]),
            unicastAddress: String(fields[5])
        )
    }
}
