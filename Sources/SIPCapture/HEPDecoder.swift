/// Decodes HEP (Homer Encapsulation Protocol) packets, versions 1, 2 and 3, as capture agents
/// (Kamailio, OpenSIPS, FreeSWITCH, heplify, captagent) send them to a Homer server.
///
/// HEP3 (HEP3 specification rev 37, summarised in capture-formats.md section 6): `"HEP3"` or
/// `"EEP3"`, a big-endian u16 total length, then chunks of u16 vendor, u16 type, u16 length
/// (counting the 6-byte chunk header) and a value. Generic chunks (vendor 0) have fixed value
/// sizes and are checked strictly; other vendors' chunks and unknown types are skipped by length.
/// A chunk that repeats overrides the earlier one, as in heplify-server. The authentication key
/// (type 14) is skipped on purpose: it is a password and must not travel further.
///
/// HEP1/HEP2 are C structs sent as they are laid out in memory (Kamailio `hep.h`): u8 version,
/// u8 header length (8 + both addresses), u8 address family, u8 IP protocol, big-endian ports,
/// the two addresses, and for v2 a 12-byte time header (u32 seconds, u32 microseconds, u16
/// capture ID, 2 bytes of struct padding) before the payload.
enum HEPDecoder {
    /// A cheap test on the first bytes: the HEP3/EEP3 magic with a complete 6-byte header, or a
    /// v1/v2 header whose length field matches its address family. Detect HEP this way on any
    /// port, not only 9060.
    static func looksLikeHEP(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if hasVersion3Magic(bytes) { return bytes.count >= 6 }
        guard let version = bytes.u8(at: 0), version == 1 || version == 2,
            let headerLength = bytes.u8(at: 1), let family = bytes.u8(at: 2),
            let addressLength = legacyAddressLength(family: family)
        else { return false }
        let expectedHeader = 8 + 2 * addressLength
        return Int(headerLength) == expectedHeader && bytes.count >= expectedHeader + (version == 2 ? 12 : 0)
    }

    /// The total length a HEP3 packet declares, for splitting a TCP stream of packets; `nil`
    /// when fewer than 6 bytes are there or they are not a HEP3 header. HEP1/HEP2 carry no total
    /// length and cannot be framed on a stream.
    static func framedLength(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard hasVersion3Magic(bytes), let length = bytes.u16(at: 4) else { return nil }
        return Int(length)
    }

    /// Decodes one HEP packet. For HEP3, bytes after the declared total length are not part of
    /// the packet and are ignored. A compressed payload is inflated up to
    /// `limits.maxSIPMessageLength` bytes.
    ///
    /// Throws ``CaptureError/Code/invalidHEP`` with a reason naming the chunk type and its
    /// offset (also in `byteOffset`, counted from the start of `bytes`).
    static func decode(
        _ bytes: UnsafeRawBufferPointer,
        limits: CaptureLimits = .default
    ) throws(CaptureError) -> HEPPacket {
        if hasVersion3Magic(bytes) { return try decodeVersion3(bytes, limits: limits) }
        guard let version = bytes.u8(at: 0) else { throw invalid("empty HEP packet", at: 0) }
        guard version == 1 || version == 2 else {
            throw invalid("not HEP: no HEP3/EEP3 magic, and first byte \(version) is not version 1 or 2", at: 0)
        }
        return try decodeLegacy(bytes, version: Int(version))
    }

    // MARK: - HEP3

    private static func hasVersion3Magic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.hasPrefix("HEP3") || bytes.hasPrefix("EEP3")
    }

    /// Values collected from the chunks; a repeated chunk overrides the earlier one.
    private struct Chunks {
        var family: UInt8?
        var ipProtocol: UInt8?
        var source4: IPAddress?
        var destination4: IPAddress?
        var source6: IPAddress?
        var destination6: IPAddress?
        var sourcePort: UInt16?
        var destinationPort: UInt16?
        var seconds: UInt32?
        var microseconds: UInt32?
        var payloadType: UInt8?
        var captureAgentID: UInt32?
        var captureAgentName: String?
        var correlationID: String?
        var vlanID: UInt16?
        var payload: UnsafeRawBufferPointer?
        var payloadIsCompressed = false
        var payloadOffset = 0
    }

    private static func decodeVersion3(
        _ bytes: UnsafeRawBufferPointer,
        limits: CaptureLimits
    ) throws(CaptureError)
        -> HEPPacket
    {
        guard let declared = bytes.u16(at: 4) else {
            throw invalid("HEP3 header needs 6 bytes, got \(bytes.count)", at: 0)
        }
        let totalLength = Int(declared)
        guard totalLength >= 6 else {
            throw invalid("HEP3 total length \(totalLength) is less than its 6-byte header", at: 4)
        }
        guard totalLength <= bytes.count else {
            throw invalid("HEP3 total length \(totalLength) exceeds the \(bytes.count) bytes available", at: 4)
        }
        let packet = bytes.prefix(upTo: totalLength)
        var chunks = Chunks()
        var offset = 6
        while offset < totalLength {
            guard let vendor = packet.u16(at: offset), let type = packet.u16(at: offset + 2),
                let length = packet.u16(at: offset + 4)
            else {
                throw invalid(
                    "HEP3 chunk header at offset \(offset) needs 6 bytes, only \(totalLength - offset) left",
                    at: offset
                )
            }
            let chunkLength = Int(length)
            guard chunkLength >= 6 else {
                throw invalid(
                    "HEP3 chunk type \(describe(type)) at offset \(offset): length \(chunkLength) is less than "
                        + "the 6-byte chunk header",
                    at: offset
                )
            }
            guard let value = packet.slice(at: offset + 6, count: chunkLength - 6) else {
                throw invalid(
                    "HEP3 chunk type \(describe(type)) at offset \(offset): length \(chunkLength) runs past "
                        + "the packet end at \(totalLength)",
                    at: offset
                )
            }
            if vendor == 0 { try apply(type: type, value: value, offset: offset, to: &chunks) }
            offset += chunkLength
        }
        return try assemble(chunks, limits: limits)
    }

    /// Value sizes of the fixed-size generic chunks (HEP3 specification, chunk table).
    private static func fixedSize(of type: UInt16) -> Int? {
        switch type {
        case 1, 2, 11: 1
        case 7, 8, 18: 2
        case 3, 4, 9, 10, 12: 4
        case 5, 6: 16
        default: nil
        }
    }

    private static func apply(
        type: UInt16,
        value: UnsafeRawBufferPointer,
        offset: Int,
        to chunks: inout Chunks
    ) throws(CaptureError) {
        if let expected = fixedSize(of: type), value.count != expected {
            throw invalid(
                "HEP3 chunk type \(describe(type)) at offset \(offset): value is \(value.count) bytes, "
                    + "expected \(expected)",
                at: offset
            )
        }
        switch type {
        case 1: chunks.family = value.u8(at: 0)
        case 2: chunks.ipProtocol = value.u8(at: 0)
        case 3: chunks.source4 = IPAddress(raw: value)
        case 4: chunks.destination4 = IPAddress(raw: value)
        case 5: chunks.source6 = IPAddress(raw: value)
        case 6: chunks.destination6 = IPAddress(raw: value)
        case 7: chunks.sourcePort = value.u16(at: 0)
        case 8: chunks.destinationPort = value.u16(at: 0)
        case 9: chunks.seconds = value.u32(at: 0)
        case 10: chunks.microseconds = value.u32(at: 0)
        case 11: chunks.payloadType = value.u8(at: 0)
        case 12: chunks.captureAgentID = value.u32(at: 0)
        case 15, 16:
            chunks.payload = value
            chunks.payloadIsCompressed = type == 16
            chunks.payloadOffset = offset
        case 17: chunks.correlationID = String(decoding: value, as: UTF8.self)
        case 18: chunks.vlanID = value.u16(at: 0)
        case 19: chunks.captureAgentName = String(decoding: value, as: UTF8.self)
        default: break  // 14 (authentication key) and unknown types.
        }
    }

    private static func assemble(_ chunks: Chunks, limits: CaptureLimits) throws(CaptureError) -> HEPPacket {
        // The family chunk says which address chunks to prefer; without it (or with the other
        // family's chunks only) take what is there.
        let preferIPv6 = chunks.family == 10
        let source = preferIPv6 ? chunks.source6 ?? chunks.source4 : chunks.source4 ?? chunks.source6
        let destination =
            preferIPv6 ? chunks.destination6 ?? chunks.destination4 : chunks.destination4 ?? chunks.destination6
        guard let source else { throw invalid("HEP3 packet has no source address (chunk type 3 or 5)", at: 0) }
        guard let destination else {
            throw invalid("HEP3 packet has no destination address (chunk type 4 or 6)", at: 0)
        }
        var payload: [UInt8] = []
        if let value = chunks.payload {
            if chunks.payloadIsCompressed {
                do {
                    payload = try Inflate.decompress(value, maxOutput: limits.maxSIPMessageLength)
                } catch {
                    throw invalid(
                        "HEP3 chunk type 16 (compressed payload) at offset \(chunks.payloadOffset): \(error.reason)",
                        at: chunks.payloadOffset
                    )
                }
            } else {
                payload = Array(value)
            }
        }
        return HEPPacket(
            version: 3,
            ipProtocol: chunks.ipProtocol,
            source: Endpoint(address: source, port: chunks.sourcePort ?? 0),
            destination: Endpoint(address: destination, port: chunks.destinationPort ?? 0),
            time: chunks.seconds.map {
                CaptureTime(seconds: Int64($0), nanoseconds: Int64(chunks.microseconds ?? 0) * 1000)
            },
            payloadType: chunks.payloadType,
            captureAgentID: chunks.captureAgentID,
            captureAgentName: chunks.captureAgentName,
            correlationID: chunks.correlationID,
            vlanID: chunks.vlanID,
            payload: payload,
            payloadWasCompressed: chunks.payloadIsCompressed && chunks.payload != nil
        )
    }

    /// `7 (source port)`: the number and, for generic types, what it means.
    private static func describe(_ type: UInt16) -> String {
        let name: String? =
            switch type {
            case 1: "IP family"
            case 2: "IP protocol"
            case 3: "IPv4 source address"
            case 4: "IPv4 destination address"
            case 5: "IPv6 source address"
            case 6: "IPv6 destination address"
            case 7: "source port"
            case 8: "destination port"
            case 9: "timestamp seconds"
            case 10: "timestamp microseconds"
            case 11: "payload type"
            case 12: "capture agent ID"
            case 14: "authentication key"
            case 15: "payload"
            case 16: "compressed payload"
            case 17: "correlation ID"
            case 18: "VLAN ID"
            case 19: "capture agent name"
            default: nil
            }
        return name.map { "\(type) (\($0))" } ?? "\(type)"
    }

    // MARK: - HEP1 and HEP2

    /// Address size for a v1/v2 family byte: the sender's `AF_INET` (2) or `AF_INET6`, which is
    /// 10 on Linux, 28 on FreeBSD and 30 on macOS, since agents copy their own constant.
    private static func legacyAddressLength(family: UInt8) -> Int? {
        switch family {
        case 2: 4
        case 10, 28, 30: 16
        default: nil
        }
    }

    private static func decodeLegacy(_ bytes: UnsafeRawBufferPointer, version: Int) throws(CaptureError) -> HEPPacket {
        let name = "HEPv\(version)"
        guard let headerLength = bytes.u8(at: 1), let family = bytes.u8(at: 2), let ipProtocol = bytes.u8(at: 3),
            let sourcePort = bytes.u16(at: 4), let destinationPort = bytes.u16(at: 6)
        else { throw invalid("\(name) header needs 8 bytes, got \(bytes.count)", at: 0) }
        guard let addressLength = legacyAddressLength(family: family) else {
            throw invalid("\(name) address family \(family) is neither 2 (IPv4) nor 10 (IPv6)", at: 2)
        }
        let expectedHeader = 8 + 2 * addressLength
        guard Int(headerLength) == expectedHeader else {
            throw invalid(
                "\(name) header length field is \(headerLength), expected \(expectedHeader) for "
                    + (addressLength == 4 ? "IPv4" : "IPv6"),
                at: 1
            )
        }
        guard let sourceBytes = bytes.slice(at: 8, count: addressLength),
            let destinationBytes = bytes.slice(at: 8 + addressLength, count: addressLength),
            let source = IPAddress(raw: sourceBytes), let destination = IPAddress(raw: destinationBytes)
        else {
            throw invalid("\(name) addresses need \(expectedHeader) header bytes, got \(bytes.count)", at: 8)
        }
        var time: CaptureTime?
        var captureAgentID: UInt32?
        var payloadOffset = expectedHeader
        if version == 2 {
            guard let timeHeader = bytes.slice(at: expectedHeader, count: 12) else {
                throw invalid(
                    "HEPv2 time header at offset \(expectedHeader) needs 12 bytes, got \(bytes.count - expectedHeader)",
                    at: expectedHeader
                )
            }
            let decoded = legacyTime(timeHeader)
            time = decoded.time
            captureAgentID = decoded.captureAgentID
            payloadOffset += 12
        }
        return HEPPacket(
            version: version,
            ipProtocol: ipProtocol,
            source: Endpoint(address: source, port: sourcePort),
            destination: Endpoint(address: destination, port: destinationPort),
            time: time,
            payloadType: nil,
            captureAgentID: captureAgentID,
            captureAgentName: nil,
            correlationID: nil,
            vlanID: nil,
            payload: Array(bytes.slice(from: payloadOffset)),
            payloadWasCompressed: false
        )
    }

    /// The v2 time header is written in the agent's byte order (the C struct is copied without
    /// `htonl`), little-endian on the x86 and ARM hosts agents run on. Big-endian is used only
    /// when it alone gives microseconds below one million.
    private static func legacyTime(_ header: UnsafeRawBufferPointer) -> (time: CaptureTime?, captureAgentID: UInt32?) {
        guard let littleMicros = header.u32(at: 4, bigEndian: false),
            let bigMicros = header.u32(at: 4, bigEndian: true)
        else { return (nil, nil) }
        let bigEndian = littleMicros >= 1_000_000 && bigMicros < 1_000_000
        guard let seconds = header.u32(at: 0, bigEndian: bigEndian), let agent = header.u16(at: 8, bigEndian: bigEndian)
        else { return (nil, nil) }
        let micros = bigEndian ? bigMicros : littleMicros
        return (CaptureTime(seconds: Int64(seconds), nanoseconds: Int64(micros) * 1000), UInt32(agent))
    }

    private static func invalid(_ reason: String, at offset: Int) -> CaptureError {
        CaptureError(.invalidHEP, reason, byteOffset: Int64(offset))
    }
}
