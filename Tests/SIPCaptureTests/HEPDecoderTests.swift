import Testing

@testable import SIPCapture

@Suite struct HEPDecoderTests {
    // MARK: - Helpers

    private static func chunk(_ type: UInt16, _ value: [UInt8], vendor: UInt16 = 0) -> [UInt8] {
        TestFrames.be16(vendor) + TestFrames.be16(type) + TestFrames.be16(UInt16(6 + value.count)) + value
    }

    private static func hep3(_ chunks: [[UInt8]], magic: String = "HEP3", totalLength: Int? = nil) -> [UInt8] {
        let body = chunks.flatMap { $0 }
        return Array(magic.utf8) + TestFrames.be16(UInt16(totalLength ?? 6 + body.count)) + body
    }

    private static func decode(_ bytes: [UInt8], limits: CaptureLimits = .default) throws(CaptureError) -> HEPPacket {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(CaptureError) in try HEPDecoder.decode(buffer, limits: limits) }
        }
        return try result.get()
    }

    /// The error `bytes` give, or `nil` when they decode.
    private static func error(_ bytes: [UInt8], limits: CaptureLimits = .default) -> CaptureError? {
        do {
            _ = try decode(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    private static func looksLikeHEP(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { HEPDecoder.looksLikeHEP($0) }
    }

    private static let v4Source = IPAddress.v4(0xD4CA_0001)  // 212.202.0.1
    private static let v4Destination = IPAddress.v4(0x5274_00D3)  // 82.116.0.211

    /// The example of capture-formats.md section 6 (from the HEP3 specification), byte by byte.
    /// Its chunks add up to the stated 0x71 = 113 bytes: 6 + 7 + 7 + 10 + 10 + 8 + 8 + 10 + 10 +
    /// 7 + 10 + 20.
    private static let specExample: [UInt8] =
        [0x48, 0x45, 0x50, 0x33, 0x00, 0x71]
        + [0x00, 0x00, 0x00, 0x01, 0x00, 0x07, 0x02]  // IP family: IPv4
        + [0x00, 0x00, 0x00, 0x02, 0x00, 0x07, 0x11]  // IP protocol: UDP
        + [0x00, 0x00, 0x00, 0x03, 0x00, 0x0a, 0xd4, 0xca, 0x00, 0x01]  // 212.202.0.1
        + [0x00, 0x00, 0x00, 0x04, 0x00, 0x0a, 0x52, 0x74, 0x00, 0xd3]  // 82.116.0.211
        + [0x00, 0x00, 0x00, 0x07, 0x00, 0x08, 0x2e, 0xea]  // source port 12010
        + [0x00, 0x00, 0x00, 0x08, 0x00, 0x08, 0x13, 0xc4]  // destination port 5060
        + [0x00, 0x00, 0x00, 0x09, 0x00, 0x0a, 0x4e, 0x49, 0x82, 0xcb]  // 1313440459 s
        + [0x00, 0x00, 0x00, 0x0a, 0x00, 0x0a, 0x00, 0x01, 0xd4, 0xc0]  // 120000 us
        + [0x00, 0x00, 0x00, 0x0b, 0x00, 0x07, 0x01]  // payload type SIP
        + [0x00, 0x00, 0x00, 0x0c, 0x00, 0x0a, 0x00, 0x00, 0x00, 0xe4]  // capture agent 228
        + [0x00, 0x00, 0x00, 0x0f, 0x00, 0x14] + Array("INVITE sip:bob".utf8)

    private static let specPacket = HEPPacket(
        version: 3,
        ipProtocol: 17,
        source: Endpoint(address: v4Source, port: 12010),
        destination: Endpoint(address: v4Destination, port: 5060),
        time: CaptureTime(nanoseconds: 1_313_440_459_120_000_000),
        payloadType: 1,
        captureAgentID: 228,
        captureAgentName: nil,
        correlationID: nil,
        vlanID: nil,
        payload: Array("INVITE sip:bob".utf8),
        payloadWasCompressed: false
    )

    /// Offsets where the example's chunks start (and the packet ends).
    private static let specChunkBoundaries = [6, 13, 20, 30, 40, 48, 56, 66, 76, 83, 93, 113]

    // MARK: - HEP3

    @Test func specExampleDecodesExactly() throws {
        #expect(Self.specExample.count == 0x71)
        #expect(try Self.decode(Self.specExample) == Self.specPacket)
        #expect(Self.looksLikeHEP(Self.specExample))
        #expect(Self.specExample.withUnsafeBytes { HEPDecoder.framedLength($0) } == 0x71)
    }

    @Test func eep3MagicAndTrailingBytes() throws {
        var eep = Self.specExample
        eep[0] = UInt8(ascii: "E")
        #expect(try Self.decode(eep) == Self.specPacket)
        // Bytes after the declared length belong to the next packet on a stream.
        #expect(try Self.decode(Self.specExample + [0xde, 0xad]) == Self.specPacket)
    }

    @Test func ipv6AndOptionalChunks() throws {
        let source = try #require(IPAddress("2001:db8::1"))
        let destination = try #require(IPAddress("2001:db8::2"))
        let bytes = Self.hep3([
            Self.chunk(1, [10]),
            Self.chunk(2, [132]),
            Self.chunk(5, source.bytes),
            Self.chunk(6, destination.bytes),
            Self.chunk(7, [0x13, 0xc4]),
            Self.chunk(8, [0x13, 0xc5]),
            Self.chunk(14, Array("secret".utf8)),
            Self.chunk(17, Array("call-1@example.com".utf8)),
            Self.chunk(18, [0x00, 0x64]),
            Self.chunk(19, Array("edge-1".utf8)),
            Self.chunk(99, [1, 2, 3]),  // unknown generic type: skipped
            Self.chunk(3, [1, 2, 3], vendor: 0x0b),  // vendor chunk: its types are its own
            Self.chunk(11, [100]),
            Self.chunk(15, Array("log line".utf8)),
        ])
        let packet = try Self.decode(bytes)
        #expect(
            packet
                == HEPPacket(
                    version: 3,
                    ipProtocol: 132,
                    source: Endpoint(address: source, port: 5060),
                    destination: Endpoint(address: destination, port: 5061),
                    time: nil,
                    payloadType: 100,
                    captureAgentID: nil,
                    captureAgentName: "edge-1",
                    correlationID: "call-1@example.com",
                    vlanID: 100,
                    payload: Array("log line".utf8),
                    payloadWasCompressed: false
                )
        )
    }

    @Test func missingPortsAndFamilyDecodeWhatIsThere() throws {
        let bytes = Self.hep3([
            Self.chunk(3, [10, 0, 0, 1]),
            Self.chunk(6, IPAddress("2001:db8::2")?.bytes ?? []),
            Self.chunk(9, TestFrames.be32(1_700_000_000)),
        ])
        let packet = try Self.decode(bytes)
        #expect(packet.source == Endpoint(address: .v4(0x0A00_0001), port: 0))
        #expect(packet.destination.address.description == "2001:db8::2")
        #expect(packet.destination.port == 0)
        #expect(packet.time == CaptureTime(nanoseconds: 1_700_000_000_000_000_000))
        #expect(packet.payload.isEmpty)
        #expect(packet.ipProtocol == nil && packet.payloadType == nil)
    }

    @Test func familyChunkChoosesBetweenAddressChunks() throws {
        let v6 = try #require(IPAddress("2001:db8::7"))
        let chunks = [
            Self.chunk(3, [10, 0, 0, 1]), Self.chunk(4, [10, 0, 0, 2]),
            Self.chunk(5, v6.bytes), Self.chunk(6, v6.bytes),
        ]
        #expect(try Self.decode(Self.hep3([Self.chunk(1, [10])] + chunks)).source.address == v6)
        #expect(try Self.decode(Self.hep3([Self.chunk(1, [2])] + chunks)).source.address == .v4(0x0A00_0001))
    }

    @Test func repeatedChunkOverridesEarlierOne() throws {
        let bytes = Self.hep3([
            Self.chunk(3, [10, 0, 0, 1]), Self.chunk(4, [10, 0, 0, 2]),
            Self.chunk(12, TestFrames.be32(1)), Self.chunk(12, TestFrames.be32(2)),
            Self.chunk(15, [0x41]), Self.chunk(15, [0x42]),
        ])
        let packet = try Self.decode(bytes)
        #expect(packet.captureAgentID == 2)
        #expect(packet.payload == [0x42])
    }

    @Test func compressedPayloadIsInflated() throws {
        let bytes = Self.hep3([
            Self.chunk(3, [10, 0, 0, 1]), Self.chunk(4, [10, 0, 0, 2]),
            Self.chunk(11, [1]),
            Self.chunk(16, InflateVectors.zlibLong),
        ])
        let packet = try Self.decode(bytes)
        #expect(packet.payload == InflateVectors.long)
        #expect(packet.payloadWasCompressed)
        let gzipped = Self.hep3([
            Self.chunk(3, [10, 0, 0, 1]), Self.chunk(4, [10, 0, 0, 2]), Self.chunk(16, InflateVectors.gzipLong),
        ])
        #expect(try Self.decode(gzipped).payload == InflateVectors.long)
    }

    @Test func compressedPayloadErrorsNameTheChunk() {
        var corrupt = InflateVectors.zlibLong
        corrupt[corrupt.count - 1] ^= 0xff
        let addresses = [Self.chunk(3, [10, 0, 0, 1]), Self.chunk(4, [10, 0, 0, 2])]
        let error = Self.error(Self.hep3(addresses + [Self.chunk(16, corrupt)]))
        #expect(error?.code == .invalidHEP)
        #expect(error?.reason == "HEP3 chunk type 16 (compressed payload) at offset 26: zlib Adler-32 check failed")
        #expect(error?.byteOffset == 26)

        var limits = CaptureLimits()
        limits.maxSIPMessageLength = 100
        let capped = Self.error(Self.hep3(addresses + [Self.chunk(16, InflateVectors.zlibLong)]), limits: limits)
        #expect(
            capped?.reason
                == "HEP3 chunk type 16 (compressed payload) at offset 26: decompressed data exceeds 100 bytes"
        )
    }

    /// Hand-made bad packets, each with the exact reason and offset expected.
    @Test(
        arguments: [
            ([0x48, 0x45, 0x50, 0x33, 0x00], "HEP3 header needs 6 bytes, got 5", 0),
            ([0x48, 0x45, 0x50, 0x33, 0x00, 0x05], "HEP3 total length 5 is less than its 6-byte header", 4),
            ([0x48, 0x45, 0x50, 0x33, 0x00, 0x07], "HEP3 total length 7 exceeds the 6 bytes available", 4),
            (
                hep3([[0x00, 0x00, 0x00]]),
                "HEP3 chunk header at offset 6 needs 6 bytes, only 3 left", 6
            ),
            (
                hep3([[0x00, 0x00, 0x00, 0x07, 0x00, 0x05]]),
                "HEP3 chunk type 7 (source port) at offset 6: length 5 is less than the 6-byte chunk header", 6
            ),
            (
                hep3([[0x00, 0x00, 0x00, 0x0f, 0x00, 0x20, 0x41]]),
                "HEP3 chunk type 15 (payload) at offset 6: length 32 runs past the packet end at 13", 6
            ),
            (
                hep3([chunk(1, [2]), [0x00, 0x00, 0x01, 0x2c, 0x00, 0x00]]),
                "HEP3 chunk type 300 at offset 13: length 0 is less than the 6-byte chunk header", 13
            ),
            (
                hep3([chunk(7, [0x13, 0xc4, 0x00])]),
                "HEP3 chunk type 7 (source port) at offset 6: value is 3 bytes, expected 2", 6
            ),
            (
                hep3([chunk(1, [])]),
                "HEP3 chunk type 1 (IP family) at offset 6: value is 0 bytes, expected 1", 6
            ),
            (
                hep3([chunk(3, [10, 0, 0, 1]), chunk(5, [0])]),
                "HEP3 chunk type 5 (IPv6 source address) at offset 16: value is 1 bytes, expected 16", 16
            ),
            (
                hep3([chunk(9, [0, 0, 0, 0, 0])]),
                "HEP3 chunk type 9 (timestamp seconds) at offset 6: value is 5 bytes, expected 4", 6
            ),
            (hep3([chunk(4, [10, 0, 0, 2])]), "HEP3 packet has no source address (chunk type 3 or 5)", 0),
            (hep3([chunk(3, [10, 0, 0, 1])]), "HEP3 packet has no destination address (chunk type 4 or 6)", 0),
            (
                hep3([chunk(3, [10, 0, 0, 1]), chunk(4, [10, 0, 0, 2]), chunk(16, [0x07])]),
                "HEP3 chunk type 16 (compressed payload) at offset 26: invalid DEFLATE block type 3", 26
            ),
            ([], "empty HEP packet", 0),
            (
                Array("INVITE sip:bob SIP/2.0".utf8),
                "not HEP: no HEP3/EEP3 magic, and first byte 73 is not version 1 or 2", 0
            ),
        ] as [([UInt8], String, Int64)]
    )
    func badPacketsThrowWithReason(bytes: [UInt8], reason: String, offset: Int64) {
        let error = Self.error(bytes)
        #expect(error?.code == .invalidHEP)
        #expect(error?.reason == reason)
        #expect(error?.byteOffset == offset)
    }

    @Test func everyPrefixOfTheExampleThrows() {
        for length in 0..<Self.specExample.count {
            let error = Self.error(Array(Self.specExample.prefix(length)))
            #expect(error?.code == .invalidHEP, "prefix \(length)")
        }
    }

    /// Prefixes whose total length is rewritten to match: cut at a chunk boundary after both
    /// addresses they decode (with what is there), anywhere else they throw.
    @Test func everyConsistentPrefixDecodesOrThrows() throws {
        for length in 6...Self.specExample.count {
            var bytes = Array(Self.specExample.prefix(length))
            bytes[4] = UInt8(length >> 8)
            bytes[5] = UInt8(length & 0xff)
            if Self.specChunkBoundaries.contains(length), length >= 40 {
                let packet = try Self.decode(bytes)
                #expect(packet.source.address == Self.v4Source, "prefix \(length)")
                #expect(packet.payload == (length == 113 ? Self.specPacket.payload : []), "prefix \(length)")
                let time: CaptureTime? =
                    switch length {
                    case 76...: Self.specPacket.time
                    case 66: CaptureTime(seconds: 1_313_440_459, nanoseconds: 0)
                    default: nil
                    }
                #expect(packet.time == time, "prefix \(length)")
            } else {
                #expect(Self.error(bytes)?.code == .invalidHEP, "prefix \(length)")
            }
        }
    }

    // MARK: - HEP1 and HEP2

    /// A v2 header as Kamailio writes it on x86: time header fields in little-endian host order.
    private static let version2: [UInt8] =
        [2, 16, 2, 17, 0x13, 0xc4, 0x2e, 0xea]
        + [10, 0, 0, 1, 10, 0, 0, 2]
        + TestFrames.le32(1_313_440_459) + TestFrames.le32(120_000) + TestFrames.le16(2001) + [0, 0]
        + Array("INVITE sip:bob".utf8)

    @Test func version2DecodesExactly() throws {
        let packet = try Self.decode(Self.version2)
        #expect(
            packet
                == HEPPacket(
                    version: 2,
                    ipProtocol: 17,
                    source: Endpoint(address: .v4(0x0A00_0001), port: 5060),
                    destination: Endpoint(address: .v4(0x0A00_0002), port: 12010),
                    time: CaptureTime(nanoseconds: 1_313_440_459_120_000_000),
                    payloadType: nil,
                    captureAgentID: 2001,
                    captureAgentName: nil,
                    correlationID: nil,
                    vlanID: nil,
                    payload: Array("INVITE sip:bob".utf8),
                    payloadWasCompressed: false
                )
        )
        #expect(Self.looksLikeHEP(Self.version2))
        #expect(Self.version2.withUnsafeBytes { HEPDecoder.framedLength($0) } == nil)
    }

    @Test func version2BigEndianTimeIsRecognised() throws {
        let bytes =
            Array(Self.version2.prefix(16)) + TestFrames.be32(1_313_440_459) + TestFrames.be32(120_000)
            + TestFrames.be16(2001) + [0, 0] + [0x41]
        let packet = try Self.decode(bytes)
        #expect(packet.time == CaptureTime(nanoseconds: 1_313_440_459_120_000_000))
        #expect(packet.captureAgentID == 2001)
    }

    @Test func version1IPv6DecodesExactly() throws {
        let source = try #require(IPAddress("2001:db8::1"))
        let destination = try #require(IPAddress("2001:db8::2"))
        let bytes = [1, 40, 10, 6, 0x13, 0xc4, 0x13, 0xc4] + source.bytes + destination.bytes + [0x53, 0x49, 0x50]
        let packet = try Self.decode(bytes)
        #expect(packet.version == 1)
        #expect(packet.ipProtocol == 6)
        #expect(packet.source == Endpoint(address: source, port: 5060))
        #expect(packet.destination == Endpoint(address: destination, port: 5060))
        #expect(packet.time == nil && packet.captureAgentID == nil)
        #expect(packet.payload == [0x53, 0x49, 0x50])
    }

    @Test(
        arguments: [
            ([2, 16, 3, 17, 0, 0, 0, 0], "HEPv2 address family 3 is neither 2 (IPv4) nor 10 (IPv6)", 2),
            ([2, 40, 2, 17, 0, 0, 0, 0], "HEPv2 header length field is 40, expected 16 for IPv4", 1),
            ([1, 16, 10, 17, 0, 0, 0, 0], "HEPv1 header length field is 16, expected 40 for IPv6", 1),
            ([1, 16, 2, 17, 0, 0], "HEPv1 header needs 8 bytes, got 6", 0),
            ([1, 16, 2, 17, 0, 0, 0, 0, 10, 0, 0, 1], "HEPv1 addresses need 16 header bytes, got 12", 8),
            (
                [2, 16, 2, 17, 0, 0, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0, 0, 0, 0],
                "HEPv2 time header at offset 16 needs 12 bytes, got 4", 16
            ),
        ] as [([UInt8], String, Int64)]
    )
    func badLegacyPacketsThrowWithReason(bytes: [UInt8], reason: String, offset: Int64) {
        let error = Self.error(bytes)
        #expect(error?.code == .invalidHEP)
        #expect(error?.reason == reason)
        #expect(error?.byteOffset == offset)
    }

    @Test func everyPrefixOfVersion2ThrowsUntilTheHeaderIsComplete() throws {
        for length in 0...Self.version2.count {
            let bytes = Array(Self.version2.prefix(length))
            if length < 28 {
                #expect(Self.error(bytes)?.code == .invalidHEP, "prefix \(length)")
                #expect(!Self.looksLikeHEP(bytes), "prefix \(length)")
            } else {
                #expect(try Self.decode(bytes).payload == Array(Self.version2[28..<length]), "prefix \(length)")
            }
        }
    }

    @Test(
        arguments: [
            (Array("HEP3".utf8) + [0, 6], true),
            (Array("EEP3".utf8) + [0, 6], true),
            (Array("HEP3".utf8) + [0], false),
            (Array("HEP2".utf8) + [0, 6], false),
            (Array("SIP/2.0 200 OK\r\n".utf8), false),
            ([1, 16, 2, 17] + Array(repeating: 0, count: 12), true),
            ([2, 16, 2, 17] + Array(repeating: 0, count: 12), false),  // v2 needs the time header
            ([2, 16, 2, 17] + Array(repeating: 0, count: 24), true),
            ([1, 40, 10, 17] + Array(repeating: 0, count: 36), true),
            ([1, 40, 2, 17] + Array(repeating: 0, count: 36), false),
            ([3, 16, 2, 17] + Array(repeating: 0, count: 12), false),
            ([], false),
        ] as [([UInt8], Bool)]
    )
    func looksLikeHEPChecksTheHeaderShape(bytes: [UInt8], expected: Bool) {
        #expect(Self.looksLikeHEP(bytes) == expected)
    }

    /// Single-byte corruptions of the example never trap: each decodes or throws a typed error.
    @Test func everySingleByteCorruptionIsHandled() {
        var decoded = 0
        for index in Self.specExample.indices {
            for value: UInt8 in [0x00, 0x01, 0x7f, 0xff] {
                var bytes = Self.specExample
                bytes[index] = value
                if Self.error(bytes) == nil { decoded += 1 }
            }
        }
        #expect(decoded > 0)
    }
}
