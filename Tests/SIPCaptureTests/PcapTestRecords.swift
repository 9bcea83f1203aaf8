/// A deliberately naive, independent reading of what ``PcapWriter`` produces, so that the
/// writer's tests do not depend on the code they test (nor on the reader being written).
struct PcapTestRecord {
    var seconds: UInt32
    var fraction: UInt32
    var capturedLength: Int
    var originalLength: Int
    /// The frame: Ethernet header onwards.
    var frame: [UInt8]

    var etherType: UInt16 { be16(frame, 12) }
    /// The IP packet (after the Ethernet header).
    var ip: [UInt8] { Array(frame[14...]) }
    var isIPv6: Bool { etherType == 0x86dd }
}

/// Splits pcap records (after the 24-byte file header, if `skipFileHeader`).
func pcapRecords(_ bytes: [UInt8], skipFileHeader: Bool = false) -> [PcapTestRecord] {
    var records: [PcapTestRecord] = []
    var offset = skipFileHeader ? 24 : 0
    while offset + 16 <= bytes.count {
        let length = Int(le32(bytes, offset + 8))
        guard offset + 16 + length <= bytes.count else { break }
        records.append(
            PcapTestRecord(
                seconds: le32(bytes, offset),
                fraction: le32(bytes, offset + 4),
                capturedLength: length,
                originalLength: Int(le32(bytes, offset + 12)),
                frame: Array(bytes[(offset + 16)..<(offset + 16 + length)])
            )
        )
        offset += 16 + length
    }
    return records
}

func be16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
    UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
}

func be32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    UInt32(be16(bytes, offset)) << 16 | UInt32(be16(bytes, offset + 2))
}

func le32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
        | UInt32(bytes[offset + 3]) << 24
}

/// RFC 1071 computed the slow, obvious way: sum 16-bit words with end-around carry.
/// Summing a header or segment that includes a correct checksum gives 0xFFFF.
func referenceOnesComplementSum(_ bytes: [UInt8]) -> UInt16 {
    var sum: UInt32 = 0
    var index = 0
    while index < bytes.count {
        let high = UInt32(bytes[index])
        let low = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
        sum += high << 8 | low
        sum = (sum & 0xffff) + (sum >> 16)
        index += 2
    }
    return UInt16(sum)
}

/// The pseudo-header of RFC 768 (IPv4) or RFC 8200 section 8.1 (IPv6) as bytes.
func referencePseudoHeader(source: [UInt8], destination: [UInt8], protocolNumber: UInt8, length: Int) -> [UInt8] {
    if source.count == 4 {
        return source + destination + [0, protocolNumber, UInt8(length >> 8), UInt8(length & 0xff)]
    }
    return source + destination
        + [0, 0, UInt8(length >> 8), UInt8(length & 0xff), 0, 0, 0, protocolNumber]
}

/// CRC-32C bit by bit (RFC 9260 appendix A), independent of the writer's table.
func referenceCRC32C(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xffff_ffff
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 {
            crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82f6_3b78 : crc >> 1
        }
    }
    return ~crc
}

/// The IP payload of a record, the IPv6 fragment header (if any) excluded, with the
/// source and destination address bytes and the upper-layer protocol.
struct TestIPPacket {
    var source: [UInt8]
    var destination: [UInt8]
    var protocolNumber: UInt8
    var payload: [UInt8]
    /// (offset in bytes, more fragments, identification) when the packet is a fragment.
    var fragment: (offset: Int, more: Bool, identification: UInt32)?

    init(_ record: PcapTestRecord) {
        let ip = record.ip
        if record.isIPv6 {
            source = Array(ip[8..<24])
            destination = Array(ip[24..<40])
            let payloadLength = Int(be16(ip, 4))
            if ip[6] == 44 {
                protocolNumber = ip[40]
                let field = be16(ip, 42)
                fragment = (Int(field & 0xfff8), field & 1 == 1, be32(ip, 44))
                payload = Array(ip[48..<(40 + payloadLength)])
            } else {
                protocolNumber = ip[6]
                fragment = nil
                payload = Array(ip[40..<(40 + payloadLength)])
            }
        } else {
            source = Array(ip[12..<16])
            destination = Array(ip[16..<20])
            protocolNumber = ip[9]
            let field = be16(ip, 6)
            let offset = Int(field & 0x1fff) * 8
            let more = field & 0x2000 != 0
            fragment = offset != 0 || more ? (offset, more, UInt32(be16(ip, 4))) : nil
            payload = Array(ip[20..<Int(be16(ip, 2))])
        }
    }
}
