/// Appends the headers of synthetic packets to a pcap byte buffer: the pcap record header,
/// Ethernet II, IPv4 and IPv6 (with its fragment header), in the layouts their RFCs define.
///
/// Everything here writes our own values (never bytes read from a capture), so the only
/// checks needed are on lengths the caller computed, and those are bounded by ``PcapWriter``.
enum PacketBuilder {
    /// EtherType for IPv4 (IEEE 802.3, RFC 894).
    static let etherTypeIPv4: UInt16 = 0x0800
    /// EtherType for IPv6 (RFC 2464 section 3).
    static let etherTypeIPv6: UInt16 = 0x86dd
    /// IPv6 next-header value of the fragment header (RFC 8200 section 4.5).
    static let ipv6FragmentHeader: UInt8 = 44
    /// Ethernet II header length: two MAC addresses and the EtherType.
    static let ethernetHeaderLength = 14
    /// IPv4 header length without options (RFC 791 section 3.1, IHL 5).
    static let ipv4HeaderLength = 20
    /// IPv6 fixed header length (RFC 8200 section 3).
    static let ipv6HeaderLength = 40
    /// IPv6 fragment header length (RFC 8200 section 4.5).
    static let ipv6FragmentHeaderLength = 8
    /// Hop limit / TTL of every packet: Linux's default, so nothing looks unusual.
    static let hopLimit: UInt8 = 64

    /// Appends a big-endian 16-bit value (network order).
    @inline(__always)
    static func appendBigEndian(_ value: UInt16, to output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: value >> 8))
        output.append(UInt8(truncatingIfNeeded: value))
    }

    /// Appends a big-endian 32-bit value (network order).
    @inline(__always)
    static func appendBigEndian(_ value: UInt32, to output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: value >> 24))
        output.append(UInt8(truncatingIfNeeded: value >> 16))
        output.append(UInt8(truncatingIfNeeded: value >> 8))
        output.append(UInt8(truncatingIfNeeded: value))
    }

    /// Appends a little-endian 32-bit value, the byte order of the pcap headers we write.
    @inline(__always)
    static func appendLittleEndian(_ value: UInt32, to output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: value))
        output.append(UInt8(truncatingIfNeeded: value >> 8))
        output.append(UInt8(truncatingIfNeeded: value >> 16))
        output.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    /// Overwrites two bytes at `offset` with a big-endian value; the caller wrote the
    /// placeholder there, so the offset is always inside the buffer.
    @inline(__always)
    static func patchBigEndian(_ value: UInt16, at offset: Int, in output: inout [UInt8]) {
        output[offset] = UInt8(truncatingIfNeeded: value >> 8)
        output[offset + 1] = UInt8(truncatingIfNeeded: value)
    }

    /// Appends an address in network order (4 or 16 bytes).
    static func appendAddress(_ address: IPAddress, to output: inout [UInt8]) {
        switch address {
        case .v4(let value):
            appendBigEndian(value, to: &output)
        case .v6(let high, let low):
            appendBigEndian(UInt32(truncatingIfNeeded: high >> 32), to: &output)
            appendBigEndian(UInt32(truncatingIfNeeded: high), to: &output)
            appendBigEndian(UInt32(truncatingIfNeeded: low >> 32), to: &output)
            appendBigEndian(UInt32(truncatingIfNeeded: low), to: &output)
        }
    }

    /// Appends a pcap record header (16 bytes, little-endian; pcap 2.4 `pcaprec_hdr_t`).
    ///
    /// pcap stores seconds as an unsigned 32-bit field, so times before 1970 or after 2106
    /// are written modulo 2^32; the sub-second part is floored to the file's resolution.
    static func appendRecordHeader(
        time: CaptureTime,
        nanosecondTimestamps: Bool,
        length: Int,
        to output: inout [UInt8]
    ) {
        let (seconds, nanoseconds) = time.nanoseconds.floorDivided(by: 1_000_000_000)
        appendLittleEndian(UInt32(truncatingIfNeeded: seconds), to: &output)
        let fraction = nanosecondTimestamps ? nanoseconds : nanoseconds / 1000
        appendLittleEndian(UInt32(truncatingIfNeeded: fraction), to: &output)
        appendLittleEndian(UInt32(truncatingIfNeeded: length), to: &output)
        appendLittleEndian(UInt32(truncatingIfNeeded: length), to: &output)
    }

    /// Appends the made-up MAC address of a host: locally administered unicast (the 0x02 bit
    /// of the first octet, IEEE 802 section 8.2), `02:00:a:b:c:d` for IPv4 `a.b.c.d` and
    /// `02:06:` plus the last four address bytes for IPv6, so that a reader can tell hosts
    /// apart by MAC as by address.
    static func appendMAC(for address: IPAddress, to output: inout [UInt8]) {
        output.append(0x02)
        switch address {
        case .v4(let value):
            output.append(0x00)
            appendBigEndian(value, to: &output)
        case .v6(_, let low):
            output.append(0x06)
            appendBigEndian(UInt32(truncatingIfNeeded: low), to: &output)
        }
    }

    /// Appends an Ethernet II header from `source` to `destination` carrying `etherType`.
    static func appendEthernet(
        source: IPAddress,
        destination: IPAddress,
        etherType: UInt16,
        to output: inout [UInt8]
    ) {
        appendMAC(for: destination, to: &output)
        appendMAC(for: source, to: &output)
        appendBigEndian(etherType, to: &output)
    }

    /// Appends an IPv4 header without options and with a valid header checksum
    /// (RFC 791 section 3.1).
    ///
    /// - Parameters:
    ///   - payloadLength: bytes after this header; the caller keeps it so that the total
    ///     length fits in 16 bits.
    ///   - flagsAndOffset: the 16-bit field holding DF (0x4000), MF (0x2000) and the fragment
    ///     offset in 8-byte units.
    static func appendIPv4Header(
        source: UInt32,
        destination: UInt32,
        protocolNumber: UInt8,
        payloadLength: Int,
        identification: UInt16,
        flagsAndOffset: UInt16,
        to output: inout [UInt8]
    ) {
        let start = output.count
        output.append(0x45)
        output.append(0)
        appendBigEndian(UInt16(truncatingIfNeeded: ipv4HeaderLength + payloadLength), to: &output)
        appendBigEndian(identification, to: &output)
        appendBigEndian(flagsAndOffset, to: &output)
        output.append(hopLimit)
        output.append(protocolNumber)
        appendBigEndian(UInt16(0), to: &output)
        appendBigEndian(source, to: &output)
        appendBigEndian(destination, to: &output)
        var checksum = InternetChecksum()
        checksum.add(output[start...])
        patchBigEndian(checksum.value, at: start + 10, in: &output)
    }

    /// Appends an IPv6 fixed header (RFC 8200 section 3) with traffic class and flow label 0.
    ///
    /// - Parameter payloadLength: bytes after this header, extension headers included.
    static func appendIPv6Header(
        source: IPAddress,
        destination: IPAddress,
        nextHeader: UInt8,
        payloadLength: Int,
        to output: inout [UInt8]
    ) {
        appendBigEndian(UInt32(0x6000_0000), to: &output)
        appendBigEndian(UInt16(truncatingIfNeeded: payloadLength), to: &output)
        output.append(nextHeader)
        output.append(hopLimit)
        appendAddress(source, to: &output)
        appendAddress(destination, to: &output)
    }

    /// Appends an IPv6 fragment header (RFC 8200 section 4.5).
    ///
    /// - Parameters:
    ///   - offset: the fragment's offset in bytes, a multiple of 8.
    ///   - moreFragments: the M flag.
    static func appendIPv6FragmentHeader(
        nextHeader: UInt8,
        offset: Int,
        moreFragments: Bool,
        identification: UInt32,
        to output: inout [UInt8]
    ) {
        output.append(nextHeader)
        output.append(0)
        // The offset field holds 8-byte units in its upper 13 bits, which is the byte offset itself.
        let field = UInt16(truncatingIfNeeded: offset) & 0xfff8 | (moreFragments ? 1 : 0)
        appendBigEndian(field, to: &output)
        appendBigEndian(identification, to: &output)
    }
}
