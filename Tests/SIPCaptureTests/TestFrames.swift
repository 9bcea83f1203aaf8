@testable import SIPCapture

/// Hand-built packets and capture files for tests, written independently of the library's
/// own writer so that reader and writer cannot share a mistake.
enum TestFrames {
    static let invite = Array(
        "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\nCall-ID: a@b\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"
            .utf8
    )

    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
    static func be32(_ value: UInt32) -> [UInt8] { be16(UInt16(value >> 16)) + be16(UInt16(value & 0xFFFF)) }
    static func le16(_ value: UInt16) -> [UInt8] { be16(value).reversed() }
    static func le32(_ value: UInt32) -> [UInt8] { be32(value).reversed() }

    static func udp(sourcePort: UInt16 = 5060, destinationPort: UInt16 = 5060, payload: [UInt8]) -> [UInt8] {
        be16(sourcePort) + be16(destinationPort) + be16(UInt16(8 + payload.count)) + [0, 0] + payload
    }

    static func ipv4(
        source: [UInt8] = [10, 0, 0, 1],
        destination: [UInt8] = [10, 0, 0, 2],
        protocolNumber: UInt8 = 17,
        identification: UInt16 = 1,
        flagsAndOffset: UInt16 = 0,
        options: [UInt8] = [],
        payload: [UInt8]
    ) -> [UInt8] {
        let headerLength = 20 + options.count
        return [UInt8(0x40 | headerLength / 4), 0] + be16(UInt16(headerLength + payload.count)) + be16(identification)
            + be16(flagsAndOffset) + [64, protocolNumber, 0, 0] + source + destination + options + payload
    }

    static func ipv6(
        source: [UInt8] = [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 11) + [1],
        destination: [UInt8] = [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 11) + [2],
        nextHeader: UInt8 = 17,
        payload: [UInt8]
    ) -> [UInt8] {
        [0x60, 0, 0, 0] + be16(UInt16(payload.count)) + [nextHeader, 64] + source + destination + payload
    }

    static func ethernet(etherType: UInt16 = 0x0800, vlanTags: [UInt16] = [], payload: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
        for tpid in vlanTags { frame += be16(tpid) + be16(100) }
        return frame + be16(etherType) + payload
    }

    /// A classic pcap file; `bigEndian` writes every header field big-endian.
    static func pcap(
        linkType: UInt32 = 1,
        bigEndian: Bool = false,
        nanosecond: Bool = false,
        records: [(seconds: UInt32, fraction: UInt32, bytes: [UInt8])]
    ) -> [UInt8] {
        let u16 = bigEndian ? be16 : le16
        let u32 = bigEndian ? be32 : le32
        var file =
            u32(nanosecond ? 0xA1B2_3C4D : 0xA1B2_C3D4) + u16(2) + u16(4) + u32(0) + u32(0) + u32(262_144)
            + u32(linkType)
        for record in records {
            file +=
                u32(record.seconds) + u32(record.fraction) + u32(UInt32(record.bytes.count))
                + u32(UInt32(record.bytes.count)) + record.bytes
        }
        return file
    }

    static func sipFrame(payload: [UInt8] = invite) -> [UInt8] {
        ethernet(payload: ipv4(payload: udp(payload: payload)))
    }

    // MARK: - pcapng

    static func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + Array(repeating: 0, count: (4 - bytes.count % 4) % 4)
    }

    static func block(type: UInt32, body: [UInt8], bigEndian: Bool = false) -> [UInt8] {
        let u32 = bigEndian ? be32 : le32
        let length = UInt32(12 + body.count)
        return u32(type) + u32(length) + body + u32(length)
    }

    static func sectionHeader(bigEndian: Bool = false) -> [UInt8] {
        let u16 = bigEndian ? be16 : le16
        let body =
            (bigEndian ? be32(0x1A2B_3C4D) : le32(0x1A2B_3C4D)) + u16(1) + u16(0)
            + Array(repeating: 0xFF, count: 8)
        return block(type: 0x0A0D_0D0A, body: body, bigEndian: bigEndian)
    }

    static func option(code: UInt16, value: [UInt8], bigEndian: Bool = false) -> [UInt8] {
        let u16 = bigEndian ? be16 : le16
        return u16(code) + u16(UInt16(value.count)) + padded(value)
    }

    static func interface(linkType: UInt16, options: [UInt8] = [], bigEndian: Bool = false) -> [UInt8] {
        let u16 = bigEndian ? be16 : le16
        let u32 = bigEndian ? be32 : le32
        let end = options.isEmpty ? [] : u16(0) + u16(0)
        return block(type: 1, body: u16(linkType) + u16(0) + u32(262_144) + options + end, bigEndian: bigEndian)
    }

    static func enhancedPacket(interface: UInt32, timestamp: UInt64, data: [UInt8], bigEndian: Bool = false) -> [UInt8]
    {
        let u32 = bigEndian ? be32 : le32
        let body =
            u32(interface) + u32(UInt32(timestamp >> 32)) + u32(UInt32(timestamp & 0xFFFF_FFFF))
            + u32(UInt32(data.count)) + u32(UInt32(data.count)) + padded(data)
        return block(type: 6, body: body, bigEndian: bigEndian)
    }

    /// Every message a reader yields, with the error that stopped it, if any.
    static func decodeAll(
        _ bytes: [UInt8],
        limits: CaptureLimits = .default
    ) -> (
        items: [CaptureItem], warnings: [CaptureWarning], error: CaptureError?
    ) {
        do {
            let reader = try CaptureReader(bytes: bytes, limits: limits)
            var items: [CaptureItem] = []
            do {
                while let item = try reader.next() { items.append(item) }
            } catch {
                return (items, reader.warnings, error)
            }
            return (items, reader.warnings, nil)
        } catch {
            return ([], [], error)
        }
    }

    static func messages(_ items: [CaptureItem]) -> [CapturedMessage] {
        items.compactMap { if case .message(let message) = $0 { message } else { nil } }
    }
}
