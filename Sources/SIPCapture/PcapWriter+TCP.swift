extension PcapWriter {
    /// IP protocol number of TCP (RFC 9293).
    static let protocolTCP: UInt8 = 6
    /// TCP header length without options (RFC 9293 section 3.1).
    static let tcpHeaderLength = 20
    /// The receive window every segment advertises: the largest without window scaling.
    static let tcpWindow: UInt16 = 65_535

    /// TCP header flags (RFC 9293 section 3.1).
    struct TCPFlags: OptionSet {
        var rawValue: UInt8
        static let fin = TCPFlags(rawValue: 0x01)
        static let syn = TCPFlags(rawValue: 0x02)
        static let psh = TCPFlags(rawValue: 0x08)
        static let ack = TCPFlags(rawValue: 0x10)
    }

    /// One TCP connection: who opened it and the next sequence number each side sends.
    struct StreamFlow {
        /// The source of the flow's first message, which therefore sent the SYN.
        var client: Endpoint
        var server: Endpoint
        var clientNextSequence: UInt32
        var serverNextSequence: UInt32
        /// Whether the WebSocket upgrade was written on this connection.
        var webSocketOpen = false
    }

    /// Writes a message on a TCP connection: the handshake if the connection is new, the
    /// WebSocket upgrade if needed, then the message (framed for WebSocket) in segments.
    mutating func appendStream(
        _ message: CapturedMessage,
        hosts: (source: IPAddress, destination: IPAddress),
        webSocket: Bool,
        to output: inout [UInt8]
    ) -> Int {
        let key = FlowKey(message.source, message.destination)
        var records = 0
        var flow: StreamFlow
        if let known = streams[key] {
            flow = known
        } else {
            flow = openStream(message, hosts: hosts, records: &records, to: &output)
        }
        let fromClient = message.source == flow.client
        let clientHosts = fromClient ? hosts : (hosts.destination, hosts.source)

        if webSocket, !flow.webSocketOpen {
            records += appendSegments(
                Self.webSocketUpgradeRequest(server: flow.server)[...],
                time: message.time,
                from: flow.client,
                to: flow.server,
                hosts: clientHosts,
                sequence: &flow.clientNextSequence,
                acknowledgement: flow.serverNextSequence,
                to: &output
            )
            records += appendSegments(
                Self.webSocketUpgradeResponse[...],
                time: message.time,
                from: flow.server,
                to: flow.client,
                hosts: (clientHosts.1, clientHosts.0),
                sequence: &flow.serverNextSequence,
                acknowledgement: flow.clientNextSequence,
                to: &output
            )
            flow.webSocketOpen = true
        }

        let data: [UInt8]
        if webSocket {
            var maskingKey: UInt32?
            if fromClient {
                webSocketFramesMasked &+= 1
                maskingKey = UInt32(truncatingIfNeeded: Self.mix(webSocketFramesMasked))
            }
            data = Self.webSocketTextFrame(message.payload, maskingKey: maskingKey)
        } else {
            data = message.payload
        }
        if fromClient {
            records += appendSegments(
                data[...],
                time: message.time,
                from: message.source,
                to: message.destination,
                hosts: hosts,
                sequence: &flow.clientNextSequence,
                acknowledgement: flow.serverNextSequence,
                to: &output
            )
        } else {
            records += appendSegments(
                data[...],
                time: message.time,
                from: message.source,
                to: message.destination,
                hosts: hosts,
                sequence: &flow.serverNextSequence,
                acknowledgement: flow.clientNextSequence,
                to: &output
            )
        }
        streams[key] = flow
        return records
    }

    /// Writes the three-way handshake of RFC 9293 section 3.5 for a new connection opened by
    /// the message's source, both SYNs announcing the writer's MSS.
    private mutating func openStream(
        _ message: CapturedMessage,
        hosts: (source: IPAddress, destination: IPAddress),
        records: inout Int,
        to output: inout [UInt8]
    ) -> StreamFlow {
        let opened = admitFlow()
        let seed = Self.digest(message.source) ^ Self.mix(Self.digest(message.destination) ^ opened)
        let clientInitial = UInt32(truncatingIfNeeded: Self.mix(seed))
        let serverInitial = UInt32(truncatingIfNeeded: Self.mix(seed ^ 0x5555_5555_5555_5555))
        let reversed = (hosts.destination, hosts.source)
        appendSegment(
            time: message.time,
            from: message.source,
            to: message.destination,
            hosts: hosts,
            sequence: clientInitial,
            acknowledgement: nil,
            flags: .syn,
            data: [][...],
            to: &output
        )
        appendSegment(
            time: message.time,
            from: message.destination,
            to: message.source,
            hosts: reversed,
            sequence: serverInitial,
            acknowledgement: clientInitial &+ 1,
            flags: [.syn, .ack],
            data: [][...],
            to: &output
        )
        appendSegment(
            time: message.time,
            from: message.source,
            to: message.destination,
            hosts: hosts,
            sequence: clientInitial &+ 1,
            acknowledgement: serverInitial &+ 1,
            flags: .ack,
            data: [][...],
            to: &output
        )
        records += 3
        // A SYN consumes one sequence number (RFC 9293 section 3.4); numbers wrap modulo 2^32.
        return StreamFlow(
            client: message.source,
            server: message.destination,
            clientNextSequence: clientInitial &+ 1,
            serverNextSequence: serverInitial &+ 1
        )
    }

    /// Writes `data` as segments of at most the MSS, PSH on the last, advancing `sequence`.
    private mutating func appendSegments(
        _ data: ArraySlice<UInt8>,
        time: CaptureTime,
        from source: Endpoint,
        to destination: Endpoint,
        hosts: (source: IPAddress, destination: IPAddress),
        sequence: inout UInt32,
        acknowledgement: UInt32,
        to output: inout [UInt8]
    ) -> Int {
        var records = 0
        var start = data.startIndex
        while start < data.endIndex {
            let end = min(start + maximumSegmentSize, data.endIndex)
            appendSegment(
                time: time,
                from: source,
                to: destination,
                hosts: hosts,
                sequence: sequence,
                acknowledgement: acknowledgement,
                flags: end == data.endIndex ? [.ack, .psh] : .ack,
                data: data[start..<end],
                to: &output
            )
            // Sequence numbers are modulo 2^32 (RFC 9293 section 3.4).
            sequence &+= UInt32(truncatingIfNeeded: end - start)
            records += 1
            start = end
        }
        return records
    }

    /// Writes one TCP segment with a valid checksum. SYN segments carry the MSS option
    /// (RFC 9293 section 3.7.1), which makes their header 24 bytes.
    private mutating func appendSegment(
        time: CaptureTime,
        from source: Endpoint,
        to destination: Endpoint,
        hosts: (source: IPAddress, destination: IPAddress),
        sequence: UInt32,
        acknowledgement: UInt32?,
        flags: TCPFlags,
        data: ArraySlice<UInt8>,
        to output: inout [UInt8]
    ) {
        let isSYN = flags.contains(.syn)
        let headerLength = Self.tcpHeaderLength + (isSYN ? 4 : 0)
        let segmentLength = headerLength + data.count
        appendPacketHeaders(
            time: time,
            hosts: hosts,
            protocolNumber: Self.protocolTCP,
            upperLength: segmentLength,
            fragment: nil,
            dontFragment: true,
            to: &output
        )
        let start = output.count
        PacketBuilder.appendBigEndian(source.port, to: &output)
        PacketBuilder.appendBigEndian(destination.port, to: &output)
        PacketBuilder.appendBigEndian(sequence, to: &output)
        PacketBuilder.appendBigEndian(acknowledgement ?? 0, to: &output)
        output.append(UInt8(headerLength / 4) << 4)
        output.append(flags.rawValue)
        PacketBuilder.appendBigEndian(Self.tcpWindow, to: &output)
        PacketBuilder.appendBigEndian(UInt16(0), to: &output)
        PacketBuilder.appendBigEndian(UInt16(0), to: &output)
        if isSYN {
            // Kind 2, length 4: Maximum Segment Size.
            output.append(2)
            output.append(4)
            PacketBuilder.appendBigEndian(UInt16(truncatingIfNeeded: maximumSegmentSize), to: &output)
        }
        output.append(contentsOf: data)
        var checksum = Self.pseudoHeaderChecksum(
            hosts: hosts,
            protocolNumber: Self.protocolTCP,
            upperLength: segmentLength
        )
        checksum.add(output[start...])
        PacketBuilder.patchBigEndian(checksum.value, at: start + 16, in: &output)
    }
}
