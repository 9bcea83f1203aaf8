extension PcapWriter {
    /// IP protocol number of UDP (RFC 768).
    static let protocolUDP: UInt8 = 17
    /// UDP header length (RFC 768).
    static let udpHeaderLength = 8

    /// Writes a UDP datagram, as IP fragments when it exceeds the MTU (RFC 791 section 2.3,
    /// RFC 8200 section 4.5). The UDP checksum covers the whole datagram, so it is computed
    /// before the first fragment is written.
    mutating func appendUDP(
        _ message: CapturedMessage,
        hosts: (source: IPAddress, destination: IPAddress),
        to output: inout [UInt8]
    ) -> Int {
        let ipv6 = hosts.source.isIPv6
        let datagramLength = Self.udpHeaderLength + message.payload.count
        // The UDP length field is 16 bits, and an IPv4 datagram's total length too.
        let limit = ipv6 ? 65_535 : 65_535 - PacketBuilder.ipv4HeaderLength
        guard datagramLength <= limit else { return 0 }

        var checksum = Self.pseudoHeaderChecksum(
            hosts: hosts,
            protocolNumber: Self.protocolUDP,
            upperLength: datagramLength
        )
        checksum.add(word: message.source.port)
        checksum.add(word: message.destination.port)
        checksum.add(word: UInt16(truncatingIfNeeded: datagramLength))
        checksum.add(message.payload[...])
        let udpChecksum = checksum.udpValue

        /// The UDP header (RFC 768), written once, in the first fragment only.
        func appendUDPHeader(to output: inout [UInt8]) {
            PacketBuilder.appendBigEndian(message.source.port, to: &output)
            PacketBuilder.appendBigEndian(message.destination.port, to: &output)
            PacketBuilder.appendBigEndian(UInt16(truncatingIfNeeded: datagramLength), to: &output)
            PacketBuilder.appendBigEndian(udpChecksum, to: &output)
        }

        let ipHeaderLength = Self.ipHeaderLength(hosts.source)
        if ipHeaderLength + datagramLength <= mtu {
            appendPacketHeaders(
                time: message.time,
                hosts: hosts,
                protocolNumber: Self.protocolUDP,
                upperLength: datagramLength,
                fragment: nil,
                dontFragment: false,
                to: &output
            )
            appendUDPHeader(to: &output)
            output.append(contentsOf: message.payload)
            return 1
        }

        // Every fragment but the last carries a multiple of 8 bytes (RFC 791 section 3.2,
        // RFC 8200 section 4.5); with the MTU clamped to >= 128 this is at least 72.
        let fragmentHeaderLength = ipv6 ? PacketBuilder.ipv6FragmentHeaderLength : 0
        let fragmentSize = (mtu - ipHeaderLength - fragmentHeaderLength) & ~7
        let identification = allocateFragmentIdentification(ipv6: ipv6)
        var records = 0
        var offset = 0
        while offset < datagramLength {
            let length = min(fragmentSize, datagramLength - offset)
            appendPacketHeaders(
                time: message.time,
                hosts: hosts,
                protocolNumber: Self.protocolUDP,
                upperLength: length,
                fragment: Fragment(
                    offset: offset,
                    moreFragments: offset + length < datagramLength,
                    identification: identification
                ),
                dontFragment: false,
                to: &output
            )
            if offset == 0 {
                appendUDPHeader(to: &output)
                output.append(contentsOf: message.payload[0..<(length - Self.udpHeaderLength)])
            } else {
                let start = offset - Self.udpHeaderLength
                output.append(contentsOf: message.payload[start..<(start + length)])
            }
            records += 1
            offset += length
        }
        return records
    }
}
