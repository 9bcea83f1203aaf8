/// Finds the IP packet in a PPP frame (RFC 1661), as carried by PPPoE sessions (RFC 2516),
/// PPTP's enhanced GRE (RFC 2637) and the PPP link types.
enum PPPDecoder {
    /// The PPP protocol numbers of IPv4 and IPv6 (RFC 1332, RFC 5072).
    static let ipv4Protocol: UInt16 = 0x0021
    static let ipv6Protocol: UInt16 = 0x0057

    static func ipPayload(_ frame: UnsafeRawBufferPointer) -> LinkLayerDecoder.Payload {
        var rest = frame
        // Address and control fields (0xFF 0x03) are present unless compressed away (RFC 1662 section 3.2).
        if rest.u8(at: 0) == 0xFF, rest.u8(at: 1) == 0x03 { rest = rest.slice(from: 2) }
        guard let first = rest.u8(at: 0) else { return .truncated }
        // Protocol-field compression (RFC 1661 section 6.5): an odd first byte is a one-byte protocol.
        let protocolNumber: UInt16
        if first & 1 == 1 {
            protocolNumber = UInt16(first)
            rest = rest.slice(from: 1)
        } else {
            guard let value = rest.u16(at: 0) else { return .truncated }
            protocolNumber = value
            rest = rest.slice(from: 2)
        }
        switch protocolNumber {
        case ipv4Protocol, ipv6Protocol: return rest.isEmpty ? .truncated : .ip(rest)
        default: return .notIP
        }
    }

    /// A PPPoE session frame (RFC 2516 section 4): a 6-byte header, then PPP without address and control.
    static func pppoeSession(_ frame: UnsafeRawBufferPointer) -> LinkLayerDecoder.Payload {
        guard frame.count >= 6 else { return .truncated }
        return ipPayload(frame.slice(from: 6))
    }
}
