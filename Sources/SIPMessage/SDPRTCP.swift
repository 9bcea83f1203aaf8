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
    static func parse(_ value: SDPBytes) throws(SIPParseError) -> SDPRTCP {
        var position = value.startIndex
        let portField = SDPText.nextField(value, from: &position)
        let networkType = SDPText.nextField(value, from: &position)
        let addressType = SDPText.nextField(value, from: &position)
        let address = SDPText.nextField(value, from: &position)
        let isComplete = networkType == nil || (address != nil && SDPText.nextField(value, from: &position) == nil)
        guard isComplete, let portField, let port = SDPText.decimal(portField, maximum: 65535) else {
            throw SIPParseError(
                .invalidBody,
                "rtcp '\(SDPText.string(value))' is not <port 0-65535> [<nettype> <addrtype> <address>] "
                    + "(RFC 3605 section 2.1)"
            )
        }
        guard let networkType, let addressType, let address else { return SDPRTCP(port: port) }
        let connection = try SDPConnection.parse(
            networkType: networkType,
            addressType: addressType,
            address: address,
            offset: nil
        )
        return SDPRTCP(port: port, connection: connection)
    }
}
