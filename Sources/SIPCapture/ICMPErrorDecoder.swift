/// Reads ICMP (RFC 792) and ICMPv6 (RFC 4443) error messages that quote the packet that
/// caused them: a "port unreachable" quoting a SIP request tells that nobody listened there.
enum ICMPErrorDecoder {
    /// The error, or `nil` when the message is not an error or quotes nothing usable.
    static func decode(
        _ bytes: UnsafeRawBufferPointer,
        isIPv6: Bool,
        reporter: IPAddress,
        context: PacketContext
    ) -> ICMPUnreachable? {
        guard let type = bytes.u8(at: 0), let code = bytes.u8(at: 1) else { return nil }
        // Errors: ICMP 3 (unreachable), 11 (time exceeded); ICMPv6 1 (unreachable), 3 (time exceeded).
        let isError = isIPv6 ? (type == 1 || type == 3) : (type == 3 || type == 11)
        guard isError else { return nil }
        // The quoted packet follows the 8-byte ICMP header; it is usually cut after 8 bytes of payload.
        guard case .packet(let quoted) = IPPacket.parse(bytes.slice(from: 8)),
            let sourcePort = quoted.payload.u16(at: 0), let destinationPort = quoted.payload.u16(at: 2)
        else { return nil }
        guard [6, 17, 132].contains(quoted.protocolNumber) else { return nil }
        return ICMPUnreachable(
            time: context.time,
            recordNumber: context.recordNumber,
            reporter: reporter,
            quotedSource: Endpoint(address: quoted.source, port: sourcePort),
            quotedDestination: Endpoint(address: quoted.destination, port: destinationPort),
            quotedProtocol: quoted.protocolNumber,
            isIPv6: isIPv6,
            type: type,
            code: code
        )
    }
}
