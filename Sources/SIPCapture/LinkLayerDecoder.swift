/// Finds the IP packet inside a link-layer frame, for every link type SIP captures come in.
enum LinkLayerDecoder {
    /// What a frame carries.
    enum Payload {
        /// An IPv4 or IPv6 packet (the version nibble says which).
        case ip(UnsafeRawBufferPointer)
        /// A frame of another protocol (ARP, LLDP, ...): nothing for SIP.
        case notIP
        /// The frame is shorter than its link header.
        case truncated
        /// A link type sipdiag does not decode.
        case unsupportedLinkType
    }

    /// EtherTypes (IEEE 802 numbers) the decoder follows.
    enum EtherType {
        static let ipv4: UInt16 = 0x0800
        static let ipv6: UInt16 = 0x86DD
        static let vlan: UInt16 = 0x8100
        static let providerBridging: UInt16 = 0x88A8
        static let qinqLegacy: UInt16 = 0x9100
        static let transparentEthernet: UInt16 = 0x6558
        static let erspanTypeII: UInt16 = 0x88BE
        static let erspanTypeIII: UInt16 = 0x22EB
        static let pppoeSession: UInt16 = 0x8864
        static let ppp: UInt16 = 0x880B
    }

    /// Most VLAN tags followed in one frame; real networks stack two (802.1ad), rarely three.
    static let maxVLANTags = 8

    static func ipPayload(of frame: UnsafeRawBufferPointer, linkType: LinkType) -> Payload {
        switch linkType {
        case .ethernet:
            return ethernet(frame)
        case .linuxSLL:
            // 16-byte header, protocol (EtherType) in the last two bytes (tcpdump.org LINKTYPE_LINUX_SLL).
            guard let protocolType = frame.u16(at: 14) else { return .truncated }
            return byEtherType(protocolType, frame.slice(from: 16))
        case .linuxSLL2:
            // 20-byte header, protocol first (tcpdump.org LINKTYPE_LINUX_SLL2).
            guard frame.count >= 20, let protocolType = frame.u16(at: 0) else { return .truncated }
            return byEtherType(protocolType, frame.slice(from: 20))
        case .raw, .rawOld12, .rawOld14, .ipv4, .ipv6:
            return frame.isEmpty ? .truncated : .ip(frame)
        case .ppp, .pppHDLC:
            return PPPDecoder.ipPayload(frame)
        case .null:
            // A 4-byte address family in the capturing host's byte order: accept either.
            guard let family = frame.u32(at: 0, bigEndian: false) else { return .truncated }
            return loopback(family: family > 0xFFFF ? family.byteSwapped : family, frame.slice(from: 4))
        case .loop:
            guard let family = frame.u32(at: 0, bigEndian: true) else { return .truncated }
            return loopback(family: family, frame.slice(from: 4))
        default:
            return .unsupportedLinkType
        }
    }

    /// An Ethernet II frame, following 802.1Q / 802.1ad tags.
    static func ethernet(_ frame: UnsafeRawBufferPointer) -> Payload {
        guard let etherType = frame.u16(at: 12) else { return .truncated }
        return byEtherType(etherType, frame.slice(from: 14))
    }

    /// The payload of an EtherType-tagged frame, peeling VLAN tags (each: 2 bytes TCI, 2 bytes EtherType).
    static func byEtherType(_ etherType: UInt16, _ payload: UnsafeRawBufferPointer) -> Payload {
        var type = etherType
        var rest = payload
        var tags = 0
        while type == EtherType.vlan || type == EtherType.providerBridging || type == EtherType.qinqLegacy {
            guard tags < maxVLANTags, let inner = rest.u16(at: 2) else { return .truncated }
            type = inner
            rest = rest.slice(from: 4)
            tags += 1
        }
        switch type {
        case EtherType.ipv4, EtherType.ipv6:
            return rest.isEmpty ? .truncated : .ip(rest)
        case EtherType.pppoeSession:
            return PPPDecoder.pppoeSession(rest)
        default:
            return .notIP
        }
    }

    /// BSD loopback address families: 2 is IPv4 everywhere; IPv6 is 24 (NetBSD, OpenBSD),
    /// 28 (FreeBSD) or 30 (macOS) depending on the capturing system.
    private static func loopback(family: UInt32, _ payload: UnsafeRawBufferPointer) -> Payload {
        switch family {
        case 2, 24, 28, 30: payload.isEmpty ? .truncated : .ip(payload)
        default: .notIP
        }
    }
}
