/// An `a=rtcp:` attribute: the RTCP port (and address) when it is not the RTP port plus one
/// (RFC 3605 section 2.1: `<port> [<nettype> <addrtype> <connection-address>]`).
public struct SDPRTCP: Hashable, Sendable, CustomStringConvertible {
    /// The RTCP port, 0 to 65535.
    public var port: Int
    /// The RTCP address, when given.
    public var connection: SDPConnection?

    public init(port: Int, connection: SDPConnection? = nil) {
        self.port = port
        self.connection = connection
    }

    public var description: String {
        connection.map { "\(port) \($0)" } ?? "\(port)"
    }

    /// Parses the value of an `a=rtcp` attribute (RFC 3605 section 2.1).
    static func parse(_ value: String) throws(SIPParseError) -> SDPRTCP {
        let fields = SDPText.fields(value)
        guard fields.count == 1 || fields.count == 4, let port = SDPText.decimal(fields[0], maximum: 65535) else {
            throw SIPParseError(
                .invalidBody,
                "rtcp '\(value)' is not <port 0-65535> [<nettype> <addrtype> <address>] (RFC 3605 section 2.1)"
            )
        }
        guard fields.count == 4 else { return SDPRTCP(port: port) }
        let connection = try SDPConnection.parse(
            networkType: fields[1],
            addressType: fields[2],
            address: fields[3],
            offset: nil
        )
        return SDPRTCP(port: port, connection: connection)
    }
}
