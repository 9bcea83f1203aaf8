import Testing

@testable import SIPCapture

@Suite struct TCPSegmentTests {
    /// A 24-byte header (one option word) from 5060 to 50000, seq 0x01020304, ack
    /// 0x0A0B0C0D, PSH+ACK, then "abc".
    static let segment: [UInt8] = [
        0x13, 0xC4, 0xC3, 0x50,
        0x01, 0x02, 0x03, 0x04,
        0x0A, 0x0B, 0x0C, 0x0D,
        0x60, 0x18, 0xFF, 0xFF,
        0x00, 0x00, 0x00, 0x00,
        0x01, 0x01, 0x01, 0x00,
        0x61, 0x62, 0x63,
    ]

    @Test func parsesHeaderAndPayload() throws {
        let parsed = Self.segment.withUnsafeBytes { bytes in
            TCPSegment.parse(bytes).map {
                (
                    $0.sourcePort, $0.destinationPort, $0.sequenceNumber, $0.acknowledgementNumber, $0.flags,
                    Array($0.payload)
                )
            }
        }
        let fields = try #require(parsed)
        #expect(fields.0 == 5060)
        #expect(fields.1 == 50_000)
        #expect(fields.2 == 0x0102_0304)
        #expect(fields.3 == 0x0A0B_0C0D)
        #expect(fields.4 == [.psh, .ack])
        #expect(fields.5 == Array("abc".utf8))
    }

    @Test func everyFlagIsDecoded() {
        var bytes = Self.segment
        bytes[13] = 0xFF
        let flags = bytes.withUnsafeBytes { TCPSegment.parse($0)?.flags }
        #expect(flags == [.fin, .syn, .rst, .psh, .ack, .urg, .ece, .cwr])
    }

    @Test func headerWithoutPayload() {
        let bytes = Array(Self.segment[0..<24])
        let count = bytes.withUnsafeBytes { TCPSegment.parse($0)?.payload.count }
        #expect(count == 0)
    }

    /// Every prefix shorter than the 24-byte header is malformed; longer ones parse with a
    /// payload of the remaining bytes.
    @Test func everyPrefix() {
        for length in 0...Self.segment.count {
            let prefix = Array(Self.segment[0..<length])
            let payloadCount = prefix.withUnsafeBytes { TCPSegment.parse($0)?.payload.count }
            #expect(payloadCount == (length < 24 ? nil : length - 24), "prefix \(length)")
        }
    }

    /// Data offsets 0 to 4 are below the minimum; 15 words (60 bytes) is longer than the bytes.
    @Test(arguments: [0x00, 0x10, 0x20, 0x30, 0x40, 0x70, 0xF0] as [UInt8])
    func badDataOffset(offsetByte: UInt8) {
        var bytes = Self.segment
        bytes[12] = offsetByte
        let parsed = bytes.withUnsafeBytes { TCPSegment.parse($0) != nil }
        #expect(!parsed)
    }
}
