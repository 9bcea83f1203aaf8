extension PcapWriter {
    /// IP protocol number of SCTP (RFC 9260).
    static let protocolSCTP: UInt8 = 132
    /// SCTP common header length (RFC 9260 section 3.1).
    static let sctpCommonHeaderLength = 12
    /// DATA chunk header length (RFC 9260 section 3.3.1).
    static let sctpDataHeaderLength = 16

    /// One direction of an SCTP association.
    struct SCTPDirection {
        /// The verification tag of packets going this way: the receiver's Initiate Tag
        /// (RFC 9260 section 8.5), made up and never zero.
        var tag: UInt32
        var nextTSN: UInt32
        /// Stream sequence number of the next message on stream 0.
        var nextStreamSequence: UInt16 = 0
    }

    /// An SCTP association: one state per direction, `fromLow` for packets sent by the
    /// ``FlowKey/low`` endpoint.
    struct SCTPAssociation {
        var fromLow: SCTPDirection
        var fromHigh: SCTPDirection
    }

    /// Writes a message as DATA chunks on stream 0, one chunk per packet, fragmented with the
    /// B and E flags when it exceeds the MTU (RFC 9260 section 6.9).
    mutating func appendSCTP(
        _ message: CapturedMessage,
        hosts: (source: IPAddress, destination: IPAddress),
        to output: inout [UInt8]
    ) -> Int {
        // A DATA chunk without user data is a protocol error (RFC 9260 section 6.2).
        guard !message.payload.isEmpty else { return 0 }
        let key = FlowKey(message.source, message.destination)
        var association = associations[key] ?? openAssociation(key)
        let fromLow = message.source == key.low
        var direction = fromLow ? association.fromLow : association.fromHigh

        // Chunks are padded to 4 bytes (RFC 9260 section 3.2), so a multiple of 4 fills the MTU.
        let overhead = Self.ipHeaderLength(hosts.source) + Self.sctpCommonHeaderLength + Self.sctpDataHeaderLength
        let chunkCapacity = (mtu - overhead) & ~3
        let payload = message.payload
        var records = 0
        var start = 0
        while start < payload.count {
            let end = min(start + chunkCapacity, payload.count)
            var flags: UInt8 = 0
            if start == 0 { flags |= 0x02 }
            if end == payload.count { flags |= 0x01 }
            appendSCTPPacket(
                message,
                hosts: hosts,
                tag: direction.tag,
                tsn: direction.nextTSN,
                streamSequence: direction.nextStreamSequence,
                flags: flags,
                data: payload[start..<end],
                to: &output
            )
            // TSNs are serial numbers modulo 2^32 (RFC 9260 section 3.3.1).
            direction.nextTSN &+= 1
            records += 1
            start = end
        }
        // Stream sequence numbers wrap modulo 2^16 (RFC 9260 section 3.3.1).
        direction.nextStreamSequence &+= 1
        if fromLow { association.fromLow = direction } else { association.fromHigh = direction }
        associations[key] = association
        return records
    }

    /// Made-up but deterministic tags and initial TSNs for a new association.
    private mutating func openAssociation(_ key: FlowKey) -> SCTPAssociation {
        let opened = admitFlow()
        let seed = Self.digest(key.low) ^ Self.mix(Self.digest(key.high) ^ opened)
        let lowRandom = Self.mix(seed)
        let highRandom = Self.mix(seed ^ 0x3333_3333_3333_3333)
        // A zero tag is reserved for INIT chunks (RFC 9260 section 3.1).
        return SCTPAssociation(
            fromLow: SCTPDirection(
                tag: UInt32(truncatingIfNeeded: highRandom) | 1,
                nextTSN: UInt32(truncatingIfNeeded: lowRandom >> 32)
            ),
            fromHigh: SCTPDirection(
                tag: UInt32(truncatingIfNeeded: lowRandom) | 1,
                nextTSN: UInt32(truncatingIfNeeded: highRandom >> 32)
            )
        )
    }

    /// Writes one SCTP packet holding one DATA chunk, with its CRC-32C.
    private mutating func appendSCTPPacket(
        _ message: CapturedMessage,
        hosts: (source: IPAddress, destination: IPAddress),
        tag: UInt32,
        tsn: UInt32,
        streamSequence: UInt16,
        flags: UInt8,
        data: ArraySlice<UInt8>,
        to output: inout [UInt8]
    ) {
        let chunkLength = Self.sctpDataHeaderLength + data.count
        let padding = (4 - chunkLength % 4) % 4
        appendPacketHeaders(
            time: message.time,
            hosts: hosts,
            protocolNumber: Self.protocolSCTP,
            upperLength: Self.sctpCommonHeaderLength + chunkLength + padding,
            fragment: nil,
            dontFragment: true,
            to: &output
        )
        let start = output.count
        PacketBuilder.appendBigEndian(message.source.port, to: &output)
        PacketBuilder.appendBigEndian(message.destination.port, to: &output)
        PacketBuilder.appendBigEndian(tag, to: &output)
        PacketBuilder.appendBigEndian(UInt32(0), to: &output)
        output.append(0)  // chunk type DATA
        output.append(flags)
        PacketBuilder.appendBigEndian(UInt16(truncatingIfNeeded: chunkLength), to: &output)
        PacketBuilder.appendBigEndian(tsn, to: &output)
        PacketBuilder.appendBigEndian(UInt16(0), to: &output)  // stream identifier
        PacketBuilder.appendBigEndian(streamSequence, to: &output)
        // Payload protocol identifier 0: none is registered for SIP (RFC 4168 uses none).
        PacketBuilder.appendBigEndian(UInt32(0), to: &output)
        output.append(contentsOf: data)
        output.append(contentsOf: repeatElement(0, count: padding))
        // RFC 9260 appendix A: the CRC goes on the wire least significant byte first.
        let crc = CRC32C.checksum(output[start...])
        output[start + 8] = UInt8(truncatingIfNeeded: crc)
        output[start + 9] = UInt8(truncatingIfNeeded: crc >> 8)
        output[start + 10] = UInt8(truncatingIfNeeded: crc >> 16)
        output[start + 11] = UInt8(truncatingIfNeeded: crc >> 24)
    }
}
