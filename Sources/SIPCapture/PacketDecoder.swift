/// Turns link-layer frames into SIP messages and events: link layer, IP (with tunnels and
/// fragment reassembly), then UDP, TCP, SCTP, HEP and ICMP. Keeps the per-flow state, and
/// queues what each frame produced for ``CaptureReader`` to hand out in order.
final class PacketDecoder {
    private let limits: CaptureLimits
    private(set) var statistics = CaptureStatistics()
    private var collector = WarningCollector()
    private var reportedLinkTypes: Set<LinkType> = []
    private var output: [CaptureItem] = []
    private var outputStart = 0
    private let fragments: IPFragmentReassembler
    private let sctp: SCTPReassembler
    private let tcp: TCPReassembler
    private var streamOutputs: [StreamOutput] = []

    init(limits: CaptureLimits) {
        self.limits = limits
        self.fragments = IPFragmentReassembler(limits: limits)
        self.sctp = SCTPReassembler(limits: limits)
        self.tcp = TCPReassembler(limits: limits)
    }

    var warnings: [CaptureWarning] { collector.warnings + fragments.warnings + sctp.warnings + tcp.warnings }

    /// TLS (and WSS) flows seen, with their record counts: SIP inside them cannot be decoded.
    var encryptedFlows: [EncryptedFlow] { tcp.encryptedFlows }

    /// The next decoded item, if any is queued.
    func nextItem() -> CaptureItem? {
        guard outputStart < output.count else { return nil }
        let item = output[outputStart]
        outputStart += 1
        if outputStart == output.count {
            output.removeAll(keepingCapacity: true)
            outputStart = 0
        }
        return item
    }

    // MARK: - Frames

    func decode(_ frame: LinkFrame) {
        statistics.records += 1
        var context = PacketContext(time: frame.time, recordNumber: frame.recordNumber, byteOffset: frame.byteOffset)
        if frame.originalLength > frame.bytes.count {
            context.notes.append(
                .truncatedBySnaplen(capturedBytes: frame.bytes.count, originalBytes: frame.originalLength)
            )
        }
        switch LinkLayerDecoder.ipPayload(of: frame.bytes, linkType: frame.linkType) {
        case .ip(let packet):
            decodeIP(packet, context)
        case .notIP:
            statistics.nonIPFrames += 1
        case .truncated:
            malformed("frame shorter than its \(frame.linkType.name) header", context)
        case .unsupportedLinkType:
            statistics.unsupportedRecords += 1
            if reportedLinkTypes.insert(frame.linkType).inserted {
                collector.add(
                    CaptureWarning(
                        .unsupportedLinkType,
                        "link type \(frame.linkType) is not decoded; its records are skipped",
                        byteOffset: frame.byteOffset,
                        recordNumber: frame.recordNumber
                    ),
                    key: "linktype|\(frame.linkType.rawValue)"
                )
            }
        }
        for datagram in fragments.expire(now: frame.time) {
            output.append(.event(.incompleteDatagram(datagram)))
        }
    }

    /// Called once the input is exhausted: releases what reassembly still holds.
    func finish() {
        for datagram in fragments.finish() {
            output.append(.event(.incompleteDatagram(datagram)))
        }
        tcp.finish(into: &streamOutputs)
        drainStreamOutputs(PacketContext(time: CaptureTime(nanoseconds: 0), recordNumber: 0, byteOffset: 0))
    }

    // MARK: - Network layer

    private func decodeIP(_ bytes: UnsafeRawBufferPointer, _ context: PacketContext) {
        guard case .packet(let packet) = IPPacket.parse(bytes) else {
            if case .malformed(let reason) = IPPacket.parse(bytes) { malformed(reason, context) }
            return
        }
        guard let fragment = packet.fragment else {
            return decodeTransport(packet, payload: packet.payload, context)
        }
        let key = FragmentKey(
            source: packet.source,
            destination: packet.destination,
            identification: fragment.identification,
            protocolNumber: packet.protocolNumber
        )
        guard
            let datagram = fragments.add(
                key: key,
                offset: fragment.offset,
                moreFragments: fragment.moreFragments,
                payload: packet.payload,
                time: context.time,
                recordNumber: context.recordNumber
            )
        else { return }
        statistics.reassembledDatagrams += 1
        var whole = context
        whole.time = datagram.time
        whole.reassembledRecordNumbers = datagram.recordNumbers
        whole.notes.append(.reassembledFromFragments(datagram.fragmentCount))
        datagram.payload.withUnsafeBytes { payload in
            var reassembled = packet
            reassembled.fragment = nil
            guard packet.isIPv6 else { return decodeTransport(reassembled, payload: payload, whole) }
            // In IPv6 the headers after the Fragment header are part of the reassembled payload.
            switch IPPacket.walkExtensionHeaders(from: packet.protocolNumber, payload) {
            case .success(let chain):
                reassembled.protocolNumber = chain.protocolNumber
                decodeTransport(reassembled, payload: chain.payload, whole)
            case .failure(let error):
                malformed(error.reason, whole)
            }
        }
    }

    private func decodeTransport(_ packet: IPPacket, payload: UnsafeRawBufferPointer, _ context: PacketContext) {
        switch packet.protocolNumber {
        case 17:
            decodeUDP(payload, packet, context)
        case 4, 41:
            guard context.depth < limits.maxEncapsulationDepth else {
                return malformed("more than \(limits.maxEncapsulationDepth) layers of tunnelling", context)
            }
            var inner = context
            inner.depth += 1
            if !inner.notes.contains(.tunnelled) { inner.notes.append(.tunnelled) }
            decodeIP(payload, inner)
        case 47:
            decodeGRE(payload, context)
        case 6:
            decodeTCP(payload, packet, context)
        case 132:
            decodeSCTP(payload, packet, context)
        case 1 where !packet.isIPv6, 58 where packet.isIPv6:
            if let error = ICMPErrorDecoder.decode(
                payload,
                isIPv6: packet.isIPv6,
                reporter: packet.source,
                context: context
            ) {
                statistics.icmpErrors += 1
                output.append(.event(.icmpUnreachable(error)))
            } else {
                statistics.packetsWithoutSIP += 1
            }
        default:
            statistics.packetsWithoutSIP += 1
        }
    }

    private func decodeGRE(_ payload: UnsafeRawBufferPointer, _ context: PacketContext) {
        guard context.depth < limits.maxEncapsulationDepth else {
            return malformed("more than \(limits.maxEncapsulationDepth) layers of tunnelling", context)
        }
        var inner = context
        inner.depth += 1
        if !inner.notes.contains(.tunnelled) { inner.notes.append(.tunnelled) }
        switch GREDecoder.decode(payload) {
        case .ip(let bytes):
            decodeIP(bytes, inner)
        case .ethernet(let frame):
            decodeTunnelledLink(LinkLayerDecoder.ethernet(frame), "Ethernet frame", inner)
        case .ppp(let frame):
            decodeTunnelledLink(PPPDecoder.ipPayload(frame), "PPP frame", inner)
        case .other:
            statistics.packetsWithoutSIP += 1
        case .malformed(let reason):
            malformed(reason, context)
        }
    }

    private func decodeTunnelledLink(_ payload: LinkLayerDecoder.Payload, _ what: String, _ context: PacketContext) {
        switch payload {
        case .ip(let bytes): decodeIP(bytes, context)
        case .truncated: malformed("tunnelled \(what) cut short", context)
        case .notIP, .unsupportedLinkType: statistics.packetsWithoutSIP += 1
        }
    }

    // MARK: - Transport layer

    private func decodeUDP(_ bytes: UnsafeRawBufferPointer, _ packet: IPPacket, _ context: PacketContext) {
        guard let sourcePort = bytes.u16(at: 0), let destinationPort = bytes.u16(at: 2), let length = bytes.u16(at: 4)
        else { return malformed("UDP header cut short", context) }
        // The UDP length bounds the payload; when it is zero (jumbograms, offload) or
        // larger than what was captured, what was captured is all there is.
        let end = length >= 8 && Int(length) <= bytes.count ? Int(length) : bytes.count
        let payload = bytes.slice(at: 8, count: end - 8) ?? bytes.slice(from: bytes.count)
        let source = Endpoint(address: packet.source, port: sourcePort)
        let destination = Endpoint(address: packet.destination, port: destinationPort)
        if SIPStartLine.looksLikeSIP(payload) {
            emit(payload: Array(payload), source: source, destination: destination, transport: .udp, context)
        } else if HEPDecoder.looksLikeHEP(payload) {
            decodeHEP(payload, context)
        } else {
            statistics.packetsWithoutSIP += 1
        }
    }

    private func decodeTCP(_ bytes: UnsafeRawBufferPointer, _ packet: IPPacket, _ context: PacketContext) {
        guard let segment = TCPSegment.parse(bytes) else {
            return malformed("TCP header malformed or cut short", context)
        }
        tcp.ingest(
            segment,
            source: Endpoint(address: packet.source, port: segment.sourcePort),
            destination: Endpoint(address: packet.destination, port: segment.destinationPort),
            time: context.time,
            recordNumber: context.recordNumber,
            into: &streamOutputs
        )
        drainStreamOutputs(context)
    }

    /// Moves what the stream reassembler produced to the output, adding what only this layer
    /// knows (tunnels, fragments, snaplen) to the notes.
    private func drainStreamOutputs(_ context: PacketContext) {
        guard !streamOutputs.isEmpty else { return }
        for streamOutput in streamOutputs {
            switch streamOutput {
            case .message(var message):
                for note in context.notes where !message.notes.contains(note) { message.notes.append(note) }
                statistics.sipMessages += 1
                output.append(.message(message))
            case .gap(let gap):
                output.append(.event(.streamGap(gap)))
            case .hep(let bytes, let time, let recordNumbers):
                var hepContext = context
                hepContext.time = time
                hepContext.reassembledRecordNumbers = recordNumbers
                bytes.withUnsafeBytes { decodeHEP($0, hepContext) }
            }
        }
        streamOutputs.removeAll(keepingCapacity: true)
    }

    private func decodeSCTP(_ bytes: UnsafeRawBufferPointer, _ packet: IPPacket, _ context: PacketContext) {
        guard
            let messages = sctp.ingest(
                bytes,
                source: packet.source,
                destination: packet.destination,
                time: context.time,
                recordNumber: context.recordNumber
            )
        else { return malformed("SCTP common header cut short", context) }
        if messages.isEmpty { statistics.packetsWithoutSIP += 1 }
        for message in messages {
            let isSIP = message.payload.withUnsafeBytes { SIPStartLine.looksLikeSIP($0) }
            guard isSIP else {
                statistics.packetsWithoutSIP += 1
                continue
            }
            var whole = context
            whole.time = message.time
            whole.reassembledRecordNumbers = message.recordNumbers
            if message.fragmentCount > 1 { whole.notes.append(.reassembledFromSegments(message.fragmentCount)) }
            emit(
                payload: message.payload,
                source: message.source,
                destination: message.destination,
                transport: .sctp,
                whole
            )
        }
    }

    // MARK: - HEP

    /// A HEP packet (on any port, over UDP or a TCP stream): the SIP inside becomes a message with
    /// the addresses, transport and capture time the agent recorded, not those of the HEP packet.
    private func decodeHEP(_ bytes: UnsafeRawBufferPointer, _ context: PacketContext) {
        let packet: HEPPacket
        do {
            packet = try HEPDecoder.decode(bytes, limits: limits)
        } catch {
            return malformed("HEP packet: \(error.reason)", context)
        }
        statistics.hepPackets += 1
        // Payload type 1 is SIP; other types (RTCP reports, logs) are not messages.
        let isSIP = packet.payloadType.map { $0 == 1 } ?? true
        guard isSIP, packet.payload.withUnsafeBytes({ SIPStartLine.looksLikeSIP($0) }) else {
            statistics.packetsWithoutSIP += 1
            return
        }
        var inner = context
        inner.time = packet.time ?? context.time
        inner.notes.append(.hepEncapsulated(version: packet.version, captureAgentID: packet.captureAgentID))
        let transport: SIPTransport =
            switch packet.ipProtocol {
            case 6: .tcp
            case 132: .sctp
            default: .udp
            }
        emit(
            payload: packet.payload,
            source: packet.source,
            destination: packet.destination,
            transport: transport,
            inner
        )
    }

    // MARK: - Output

    private func emit(
        payload: [UInt8],
        source: Endpoint,
        destination: Endpoint,
        transport: SIPTransport,
        _ context: PacketContext
    ) {
        statistics.sipMessages += 1
        output.append(
            .message(
                CapturedMessage(
                    time: context.time,
                    source: source,
                    destination: destination,
                    transport: transport,
                    recordNumbers: context.recordNumbers,
                    payload: payload,
                    notes: context.notes
                )
            )
        )
    }

    private func malformed(_ reason: String, _ context: PacketContext) {
        statistics.malformedPackets += 1
        collector.add(
            CaptureWarning(
                .malformedPacket,
                reason,
                byteOffset: context.byteOffset,
                recordNumber: context.recordNumber
            ),
            // Group by the kind of damage, not by the numbers in it, so a fuzzed file gives a few lines.
            key: "malformed|" + reason.filter { !$0.isNumber }
        )
    }
}
