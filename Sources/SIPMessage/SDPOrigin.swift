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
        _ value: SDPBytes,
        offset: Int,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SDPOrigin {
        let fields = try check(value, offset: offset, notes: &notes)
        return SDPOrigin(
            username: SDPText.token(fields.username),
            sessionID: SDPText.string(fields.sessionID),
            sessionVersion: SDPText.string(fields.sessionVersion),
            networkType: SDPText.token(fields.networkType),
            addressType: SDPText.token(fields.addressType),
            unicastAddress: SDPText.string(fields.address)
        )
    }

    /// The six fields of an `o=` value, checked as ``parse(_:offset:notes:)`` does (the same
    /// notes and errors) without making any String: what the SDP parser runs on every body.
    @discardableResult
    static func check(
        _ value: SDPBytes,
        offset: Int,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> (
        username: SDPBytes, sessionID: SDPBytes, sessionVersion: SDPBytes, networkType: SDPBytes,
        addressType: SDPBytes, address: SDPBytes
    ) {
        var position = value.startIndex
        let username = SDPText.nextField(value, from: &position)
        let sessionID = SDPText.nextField(value, from: &position)
        let sessionVersion = SDPText.nextField(value, from: &position)
        let networkType = SDPText.nextField(value, from: &position)
        let addressType = SDPText.nextField(value, from: &position)
        let address = SDPText.nextField(value, from: &position)
        guard let username, let sessionID, let sessionVersion, let networkType, let addressType, let address else {
            throw SIPParseError(
                .invalidBody,
                "o= needs 6 fields (username, session id, version, network type, address type, address), "
                    + "found \(SDPText.fieldCount(value)) (RFC 8866 section 5.2)",
                offset: offset
            )
        }
        if SDPText.nextField(value, from: &position) != nil {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "o= has \(SDPText.fieldCount(value)) fields instead of 6; the extra ones are ignored "
                        + "(RFC 8866 section 5.2)",
                    offset: offset
                )
            )
        }
        noteUnlessNumeric(sessionID, "session id", offset: offset, notes: &notes)
        noteUnlessNumeric(sessionVersion, "session version", offset: offset, notes: &notes)
        return (username, sessionID, sessionVersion, networkType, addressType, address)
    }

    /// RFC 8866 section 5.2 `sess-id` and `sess-version` are `1*DIGIT`.
    private static func noteUnlessNumeric(
        _ field: SDPBytes,
        _ name: String,
        offset: Int,
        notes: inout [SIPParseNote]
    ) {
        guard !field.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return }
        notes.append(
            SIPParseNote(
                .invalidBody,
                "o= \(name) '\(SDPText.string(field))' is not numeric (RFC 8866 section 5.2)",
                offset: offset
            )
        )
    }
}
