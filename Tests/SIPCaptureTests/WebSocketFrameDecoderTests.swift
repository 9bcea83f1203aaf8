import Testing

@testable import SIPCapture

@Suite struct WebSocketFrameDecoderTests {
    static let client = TCPHarness.client
    static let server = Endpoint(address: .v4(0x0A00_0002), port: 8080)
    static let key: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]

    static let upgradeRequest = Array(
        ("GET /sip HTTP/1.1\r\nHost: example.com\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: sip\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n").utf8
    )
    static let upgradeResponse = Array(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n").utf8
    )

    /// A frame (RFC 6455 section 5.2) with the shortest length encoding unless `extendedLength`
    /// forces the 16-bit (126) or 64-bit (127) form.
    static func frame(
        _ payload: [UInt8],
        opcode: UInt8 = 1,
        fin: Bool = true,
        mask: [UInt8]? = nil,
        rsv1: Bool = false,
        extendedLength: UInt8? = nil
    ) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode]
        let maskBit: UInt8 = mask == nil ? 0 : 0x80
        let form = extendedLength ?? (payload.count < 126 ? 0 : payload.count < 65536 ? 126 : 127)
        switch form {
        case 126:
            bytes += [maskBit | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        case 127:
            bytes.append(maskBit | 127)
            bytes += (0..<8).map { UInt8(truncatingIfNeeded: UInt64(payload.count) >> (56 - 8 * $0)) }
        default:
            bytes.append(maskBit | UInt8(payload.count))
        }
        if let mask {
            bytes += mask
            bytes += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        } else {
            bytes += payload
        }
        return bytes
    }

    static func sip(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The handshake as records 1 to 4 (SYN, SYN-ACK, request, response); client data
    /// continues at 101 + request length, server data at 801 + response length.
    static func handshake(_ harness: inout TCPHarness) -> (client: UInt32, server: UInt32) {
        harness.send(to: server, seq: 100, flags: .syn)
        harness.send(from: server, to: client, seq: 800, ack: 101, flags: .syn)
        harness.send(to: server, seq: 101, ack: 801, upgradeRequest)
        harness.send(from: server, to: client, seq: 801, upgradeResponse)
        return (101 + UInt32(upgradeRequest.count), 801 + UInt32(upgradeResponse.count))
    }

    static func wsMessage(
        _ text: String,
        from source: Endpoint = client,
        to destination: Endpoint = server,
        records: [Int],
        notes: [CaptureNote] = []
    ) -> StreamOutput {
        TCPHarness.message(
            text,
            from: source,
            to: destination,
            records: records,
            transport: .ws,
            notes: notes + (records.count > 1 ? [.reassembledFromSegments(records.count)] : [])
        )
    }

    /// RFC 7118 section 5.2: each text or binary message is one SIP message; the client masks,
    /// the server does not.
    @Test func upgradeThenFramesBothWays() {
        var harness = TCPHarness()
        let (clientSeq, serverSeq) = Self.handshake(&harness)
        harness.send(to: Self.server, seq: clientSeq, Self.frame(Self.sip(SampleSIP.invite), mask: Self.key))
        harness.send(
            from: Self.server,
            to: Self.client,
            seq: serverSeq,
            Self.frame(Self.sip(SampleSIP.trying)) + Self.frame(Self.sip(SampleSIP.ok), opcode: 2)
        )
        #expect(
            harness.finish() == [
                Self.wsMessage(SampleSIP.invite, records: [5]),
                Self.wsMessage(SampleSIP.trying, from: Self.server, to: Self.client, records: [6]),
                Self.wsMessage(SampleSIP.ok, from: Self.server, to: Self.client, records: [6]),
            ]
        )
    }

    /// A fragmented message (RFC 6455 section 5.4) with a ping between its fragments, the
    /// fragments spread over segments, a frame split inside its header.
    @Test func fragmentedMessageAcrossSegments() {
        let payload = Self.sip(SampleSIP.invite)
        let stream =
            Self.frame(Array(payload[0..<50]), fin: false, mask: Self.key)
            + Self.frame([1, 2, 3], opcode: 9, mask: Self.key)
            + Self.frame(Array(payload[50..<120]), opcode: 0, fin: false, mask: Self.key)
            + Self.frame(Array(payload[120...]), opcode: 0, mask: Self.key)
            + Self.frame(Self.sip(SampleSIP.ack), mask: Self.key)
        var harness = TCPHarness()
        let (clientSeq, _) = Self.handshake(&harness)
        harness.send(to: Self.server, seq: clientSeq, Array(stream[0..<30]))
        harness.send(to: Self.server, seq: clientSeq + 30, Array(stream[30..<(stream.count - 120)]))
        harness.send(
            to: Self.server,
            seq: clientSeq + UInt32(stream.count - 120),
            Array(stream[(stream.count - 120)...])
        )
        #expect(
            harness.finish() == [
                Self.wsMessage(SampleSIP.invite, records: [5, 6, 7]),
                Self.wsMessage(SampleSIP.ack, records: [7]),
            ]
        )
    }

    /// 16-bit and 64-bit payload lengths.
    @Test func extendedLengths() {
        let long = SampleSIP.invite
        let padded =
            "MESSAGE sip:bob@example.com SIP/2.0\r\nContent-Length: 300\r\n\r\n" + String(repeating: "x", count: 300)
        var harness = TCPHarness()
        let (clientSeq, _) = Self.handshake(&harness)
        let frames =
            Self.frame(Self.sip(padded), mask: Self.key)
            + Self.frame(Self.sip(long), mask: Self.key, extendedLength: 127)
            + Self.frame(Self.sip(SampleSIP.ack), mask: Self.key, extendedLength: 126)
        harness.send(to: Self.server, seq: clientSeq, frames)
        #expect(
            harness.finish() == [
                Self.wsMessage(padded, records: [5]),
                Self.wsMessage(long, records: [5]),
                Self.wsMessage(SampleSIP.ack, records: [5]),
            ]
        )
    }

    /// Control frames, empty and whitespace-only messages, and non-SIP messages give nothing.
    @Test func nonSIPContentIsNotEmitted() {
        var harness = TCPHarness()
        let (clientSeq, _) = Self.handshake(&harness)
        let frames =
            Self.frame([], opcode: 10, mask: Self.key)
            + Self.frame(Self.sip("\r\n\r\n"), mask: Self.key)
            + Self.frame([], mask: Self.key)
            + Self.frame(Self.sip("{\"type\":\"json\"}"), mask: Self.key)
            + Self.frame(Self.sip("\r\n" + SampleSIP.bye), mask: Self.key)
            + Self.frame([0x03, 0xE8], opcode: 8, mask: Self.key)
        harness.send(to: Self.server, seq: clientSeq, frames)
        #expect(harness.finish() == [Self.wsMessage(SampleSIP.bye, records: [5])])
    }

    /// RFC 7692 compressed messages cannot be read: skipped with one warning.
    @Test func compressedMessagesAreSkipped() {
        var harness = TCPHarness()
        let (clientSeq, _) = Self.handshake(&harness)
        let frames =
            Self.frame([0xF2, 0x48, 0xCD], mask: Self.key, rsv1: true)
            + Self.frame([0xF2, 0x48, 0xCD], fin: false, mask: Self.key, rsv1: true)
            + Self.frame([0x01], opcode: 0, mask: Self.key)
            + Self.frame(Self.sip(SampleSIP.ack), mask: Self.key)
        harness.send(to: Self.server, seq: clientSeq, frames)
        #expect(harness.finish() == [Self.wsMessage(SampleSIP.ack, records: [5])])
        #expect(harness.reassembler.warnings.map(\.code) == [.undecodable])
    }

    /// A capture that begins after the upgrade finds WebSocket framing by its first frame.
    @Test func captureStartingAfterTheUpgrade() {
        var harness = TCPHarness()
        harness.send(to: Self.server, seq: 5000, Self.frame(Self.sip(SampleSIP.invite), mask: Self.key))
        harness.send(from: Self.server, to: Self.client, seq: 9000, Self.frame(Self.sip(SampleSIP.trying)))
        #expect(
            harness.finish() == [
                Self.wsMessage(SampleSIP.invite, records: [1]),
                Self.wsMessage(SampleSIP.trying, from: Self.server, to: Self.client, records: [2]),
            ]
        )
    }

    /// ... and when it begins inside a frame, at the next frame that carries SIP.
    @Test func captureStartingInsideAFrame() {
        let stream =
            Self.frame(Self.sip(SampleSIP.invite), mask: Self.key) + Self.frame(Self.sip(SampleSIP.ack), mask: Self.key)
        var harness = TCPHarness()
        harness.send(to: Self.server, seq: 5000, Array(stream[40...]))
        #expect(
            harness.finish() == [
                Self.wsMessage(
                    SampleSIP.ack,
                    records: [1],
                    notes: [
                        .resynchronised(
                            skippedBytes: stream.count - 40 - Self.frame(Self.sip(SampleSIP.ack), mask: Self.key).count
                        )
                    ]
                )
            ]
        )
    }

    struct HostileFrame: CustomStringConvertible, Sendable {
        var name: String
        var header: [UInt8]
        var description: String { name }
    }

    /// Frame headers a decoder must refuse: framing is lost, and found again at the next
    /// frame carrying SIP, after exactly the refused bytes.
    static let hostileFrames: [HostileFrame] = [
        HostileFrame(name: "64-bit length 2^63", header: [0x81, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0] + key),
        HostileFrame(name: "64-bit length 2^40", header: [0x81, 0xFF, 0, 0, 0x01, 0, 0, 0, 0, 0] + key),
        HostileFrame(name: "16-bit length above the message cap", header: [0x81, 0xFE, 0xFF, 0xFF] + key),
        HostileFrame(name: "reserved opcode 3", header: [0x83, 0x80] + key),
        HostileFrame(name: "RSV2 set", header: [0xA1, 0x80] + key),
        HostileFrame(name: "fragmented ping", header: [0x09, 0x80] + key),
        HostileFrame(name: "ping longer than 125", header: [0x89, 0xFE, 0x00, 0x7E] + key),
        HostileFrame(name: "continuation without a message", header: [0x80, 0x80] + key),
    ]

    @Test(arguments: hostileFrames)
    func hostileFrameHeaders(testCase: HostileFrame) {
        var limits = CaptureLimits()
        limits.maxSIPMessageLength = 60_000
        var harness = TCPHarness(limits: limits)
        let (clientSeq, _) = Self.handshake(&harness)
        let good = Self.frame(Self.sip(SampleSIP.ack), mask: Self.key)
        harness.send(to: Self.server, seq: clientSeq, good + testCase.header + good)
        #expect(
            harness.finish() == [
                Self.wsMessage(SampleSIP.ack, records: [5]),
                Self.wsMessage(
                    SampleSIP.ack,
                    records: [5],
                    notes: [.resynchronised(skippedBytes: testCase.header.count)]
                ),
            ]
        )
    }

    /// A message longer than the cap is skipped whole, with one warning, and decoding goes on.
    @Test func messageLongerThanTheCap() {
        var limits = CaptureLimits()
        limits.maxSIPMessageLength = 110
        var harness = TCPHarness(limits: limits)
        let (clientSeq, _) = Self.handshake(&harness)
        let frames =
            Self.frame(Array(repeating: 0x41, count: 60), fin: false, mask: Self.key)
            + Self.frame(Array(repeating: 0x41, count: 60), opcode: 0, mask: Self.key)
            + Self.frame(Self.sip(SampleSIP.ack), mask: Self.key)
        harness.send(to: Self.server, seq: clientSeq, frames)
        #expect(harness.finish() == [Self.wsMessage(SampleSIP.ack, records: [5])])
        #expect(harness.reassembler.warnings.map(\.code) == [.limitReached])
    }

    /// An HTTP request without `Upgrade: websocket` is not WebSocket: nothing is decoded.
    @Test func plainHTTPIsIgnored() {
        var harness = TCPHarness()
        harness.send(to: Self.server, seq: 100, flags: .syn)
        let request = Array("GET /sip HTTP/1.1\r\nHost: example.com\r\n\r\n".utf8)
        harness.send(to: Self.server, seq: 101, request + Self.frame(Self.sip(SampleSIP.ack), mask: Self.key))
        #expect(harness.finish() == [])
    }

    static let conversation: [UInt8] =
        frame(sip(SampleSIP.invite), mask: key)
        + frame(sip(SampleSIP.ack), fin: false, mask: key)
        + frame([], opcode: 9, mask: key)
        + frame([], opcode: 0, mask: key)
        + frame(sip(SampleSIP.bye), opcode: 2, mask: key)

    /// Splitting the frames anywhere gives the same messages.
    @Test func randomSplittingGivesTheSameMessages() {
        let stream = Self.conversation
        for seed in UInt64(1)...100 {
            var generator = SeededGenerator(seed: seed)
            var harness = TCPHarness()
            let (clientSeq, _) = Self.handshake(&harness)
            var offset = 0
            while offset < stream.count {
                let end = min(stream.count, offset + Int.random(in: 1...40, using: &generator))
                harness.send(to: Self.server, seq: clientSeq + UInt32(offset), Array(stream[offset..<end]))
                offset = end
            }
            #expect(messageTexts(harness.finish()) == [SampleSIP.invite, SampleSIP.ack, SampleSIP.bye], "seed \(seed)")
        }
    }

    /// Every prefix gives exactly the messages whose last frame it holds.
    @Test func everyPrefix() {
        let stream = Self.conversation
        let inviteEnd = Self.frame(Self.sip(SampleSIP.invite), mask: Self.key).count
        let ackEnd =
            inviteEnd + Self.frame(Self.sip(SampleSIP.ack), fin: false, mask: Self.key).count
            + Self.frame([], opcode: 9, mask: Self.key).count + Self.frame([], opcode: 0, mask: Self.key).count
        for length in 0...stream.count {
            var harness = TCPHarness()
            let (clientSeq, _) = Self.handshake(&harness)
            harness.send(to: Self.server, seq: clientSeq, Array(stream[0..<length]))
            var expected: [String] = []
            if length >= inviteEnd { expected.append(SampleSIP.invite) }
            if length >= ackEnd { expected.append(SampleSIP.ack) }
            if length == stream.count { expected.append(SampleSIP.bye) }
            #expect(messageTexts(harness.finish()) == expected, "length \(length)")
        }
    }

    /// The header parser alone, on truncated input: every prefix of a 64-bit masked header
    /// is incomplete, the whole one parses.
    @Test func headerPrefixes() {
        let header = Self.frame(Array(repeating: 0, count: 70_000), mask: Self.key)[0..<14]
        for length in 0..<header.count {
            let result = Array(header[0..<length]).withUnsafeBytes {
                WebSocketFrameHeader.parse($0, maximumPayload: 100_000)
            }
            #expect(result == .incomplete, "prefix \(length)")
        }
        let whole = Array(header).withUnsafeBytes { WebSocketFrameHeader.parse($0, maximumPayload: 100_000) }
        #expect(
            whole
                == .frame(
                    WebSocketFrameHeader(
                        isFinal: true,
                        isCompressed: false,
                        opcode: .text,
                        maskingKey: 0x37FA_213D,
                        payloadLength: 70_000,
                        headerLength: 14
                    )
                )
        )
    }
}
