/// Unwraps GRE (RFC 2784, RFC 2890) and the ERSPAN mirroring it carries, so that SIP seen on
/// a mirrored port reaches the decoder with its original addresses.
enum GREDecoder {
    enum Inner {
        case ip(UnsafeRawBufferPointer)
        case ethernet(UnsafeRawBufferPointer)
        case ppp(UnsafeRawBufferPointer)
        case other
        case malformed(String)
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> Inner {
        guard let flags = bytes.u16(at: 0), let protocolType = bytes.u16(at: 2) else {
            return .malformed("GRE header cut short")
        }
        let version = flags & 0x0007
        if version == 1 { return enhanced(bytes, flags: flags, protocolType: protocolType) }
        guard version == 0 else { return .other }
        let hasChecksum = flags & 0x8000 != 0
        let hasRouting = flags & 0x4000 != 0
        let hasKey = flags & 0x2000 != 0
        let hasSequence = flags & 0x1000 != 0
        var headerLength = 4
        if hasChecksum || hasRouting { headerLength += 4 }
        if hasKey { headerLength += 4 }
        if hasSequence { headerLength += 4 }
        guard headerLength <= bytes.count else { return .malformed("GRE header options cut short") }
        let payload = bytes.slice(from: headerLength)
        switch protocolType {
        case LinkLayerDecoder.EtherType.ipv4, LinkLayerDecoder.EtherType.ipv6:
            return .ip(payload)
        case LinkLayerDecoder.EtherType.transparentEthernet:
            return .ethernet(payload)
        case LinkLayerDecoder.EtherType.erspanTypeII:
            // ERSPAN type I has no header of its own and no GRE sequence number; type II has an 8-byte header.
            guard hasSequence else { return .ethernet(payload) }
            guard payload.count >= 8 else { return .malformed("ERSPAN type II header cut short") }
            return .ethernet(payload.slice(from: 8))
        case LinkLayerDecoder.EtherType.erspanTypeIII:
            // 12-byte header; the O flag (last bit) announces an 8-byte platform-specific subheader.
            guard let last = payload.u8(at: 11) else { return .malformed("ERSPAN type III header cut short") }
            let length = last & 0x01 != 0 ? 20 : 12
            guard payload.count >= length else { return .malformed("ERSPAN type III subheader cut short") }
            return .ethernet(payload.slice(from: length))
        default:
            return .other
        }
    }

    /// PPTP's enhanced GRE (RFC 2637 section 4.1): a key field always, sequence and
    /// acknowledgement numbers when flagged; it carries PPP, which may carry IP and SIP.
    private static func enhanced(_ bytes: UnsafeRawBufferPointer, flags: UInt16, protocolType: UInt16) -> Inner {
        guard protocolType == LinkLayerDecoder.EtherType.ppp else { return .other }
        var headerLength = 8
        if flags & 0x1000 != 0 { headerLength += 4 }
        if flags & 0x0080 != 0 { headerLength += 4 }
        guard headerLength <= bytes.count else { return .malformed("enhanced GRE header cut short") }
        let payload = bytes.slice(from: headerLength)
        // An acknowledgement-only packet has no payload.
        return payload.isEmpty ? .other : .ppp(payload)
    }
}
