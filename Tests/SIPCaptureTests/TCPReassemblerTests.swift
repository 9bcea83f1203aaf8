import Testing

@testable import SIPCapture

@Suite struct TCPReassemblerTests {
    static let client = TCPHarness.client
    static let server = TCPHarness.server
    static let invite = Array(SampleSIP.invite.utf8)
    static let ack = Array(SampleSIP.ack.utf8)

    static func text(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    static func handshake(_ harness: inout TCPHarness, clientISN: UInt32 = 1000, serverISN: UInt32 = 5000) {
        harness.send(seq: clientISN, flags: .syn)
        harness.send(from: server, to: client, seq: serverISN, ack: clientISN &+ 1, flags: .syn)
        harness.send(seq: clientISN &+ 1, ack: serverISN &+ 1)
    }

    // MARK: - Sequencing

    /// The SYN sets ISN + 1 and sequence numbers wrap around 2^32 inside the message.
    @Test func sequenceNumbersWrapAround() {
        var harness = TCPHarness()
        let isn: UInt32 = 0xFFFF_FFA0
        Self.handshake(&harness, clientISN: isn)
        var offset = 0
        while offset < Self.invite.count {
            let end = min(offset + 40, Self.invite.count)
            harness.send(seq: isn &+ 1 &+ UInt32(offset), Array(Self.invite[offset..<end]))
            offset = end
        }
        let segments = (Self.invite.count + 39) / 40
        #expect(
            harness.finish() == [
                TCPHarness.message(
                    SampleSIP.invite,
                    records: Array(4..<(4 + segments)),
                    notes: [.reassembledFromSegments(segments)]
                )
            ]
        )
    }

    /// Without a SYN, the first sequence number seen starts the stream.
    @Test func captureStartingAtAMessageBoundary() {
        var harness = TCPHarness()
        harness.send(seq: 77_777, ack: 1, Self.invite + Self.ack)
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.invite, records: [1]),
                TCPHarness.message(SampleSIP.ack, records: [1]),
            ]
        )
    }

    /// A capture that starts inside a message skips to the next start line and says so.
    @Test func captureStartingInsideAMessage() {
        var harness = TCPHarness()
        let tail = Array(Self.invite[50...])
        harness.send(seq: 9, tail)
        harness.send(seq: 9 + UInt32(tail.count), Self.ack)
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.ack, records: [2], notes: [.resynchronised(skippedBytes: tail.count)])
            ]
        )
    }

    /// The part of a mid-stream capture before the start line is skipped even within one segment.
    @Test func captureStartingInsideABodyWithoutLineEnding() {
        var harness = TCPHarness()
        harness.send(seq: 9, Array("body-without-newline".utf8) + Self.ack)
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.ack, records: [1], notes: [.resynchronised(skippedBytes: 20)])
            ]
        )
    }

    /// Out-of-order segments wait for the hole; the message takes the time of the segment
    /// that completed it and lists every record that carried it.
    @Test func outOfOrderSegmentsAreHeld() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: 1001, Array(Self.invite[0..<100]))
        harness.send(seq: 1201, Array(Self.invite[200...]))
        harness.send(seq: 1101, Array(Self.invite[100..<200]))
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.invite, records: [4, 5, 6], time: 6, notes: [.reassembledFromSegments(3)])
            ]
        )
    }

    /// Retransmissions and keep-alive probes (one old byte) add nothing.
    @Test func duplicatesAreDropped() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: 1001, Self.invite)
        harness.send(seq: 1001, Self.invite)
        harness.send(seq: 1001 + UInt32(Self.invite.count) - 1, [0x0A])
        harness.send(seq: 1001 + UInt32(Self.invite.count), Self.ack)
        harness.send(seq: 1001, Self.invite + Self.ack)
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.invite, records: [4]),
                TCPHarness.message(SampleSIP.ack, records: [7]),
            ]
        )
    }

    /// Overlapping segments: the bytes received first win, in order and out of order.
    @Test func firstReceivedBytesWin() {
        func corrupted(_ range: Range<Int>) -> [UInt8] {
            Self.invite[range].map { _ in UInt8(ascii: "X") }
        }
        var harness = TCPHarness()
        Self.handshake(&harness)
        // In order: the later copy of bytes 20..<30 is corrupted and must be ignored.
        harness.send(seq: 1001, Array(Self.invite[0..<30]))
        harness.send(seq: 1021, corrupted(20..<30) + Array(Self.invite[30..<60]))
        // Out of order: 100..<140 arrives first; a later segment over 80..<140 brings
        // corrupted bytes for 100..<140, which must lose.
        harness.send(seq: 1101, Array(Self.invite[100..<140]))
        harness.send(seq: 1081, Array(Self.invite[80..<100]) + corrupted(100..<140))
        harness.send(seq: 1061, Array(Self.invite[60..<80]))
        harness.send(seq: 1141, Array(Self.invite[140...]))
        let outputs = harness.finish()
        #expect(messageTexts(outputs) == [SampleSIP.invite])
        guard case .message(let message) = outputs.first else { return }
        #expect(message.recordNumbers == [4, 5, 6, 7, 8, 9])
        #expect(message.time == TCPHarness.time(9))
    }

    /// Any order of the segments, with duplicates, gives the same messages as in order.
    @Test func reorderingAndDuplicationGiveTheSameMessages() {
        let stream = Array((SampleSIP.invite + SampleSIP.ack + SampleSIP.bye).utf8)
        var pieces: [(UInt32, [UInt8])] = []
        var offset = 0
        while offset < stream.count {
            let end = min(offset + 37, stream.count)
            pieces.append((1001 + UInt32(offset), Array(stream[offset..<end])))
            offset = end
        }
        let expected = [SampleSIP.invite, SampleSIP.ack, SampleSIP.bye]
        for seed in UInt64(1)...100 {
            var generator = SeededGenerator(seed: seed)
            var order = pieces
            order.append(contentsOf: pieces.filter { _ in Bool.random(using: &generator) })
            order.shuffle(using: &generator)
            var harness = TCPHarness()
            Self.handshake(&harness)
            for (sequence, bytes) in order {
                harness.send(seq: sequence, bytes)
            }
            let outputs = harness.finish()
            #expect(messageTexts(outputs) == expected, "seed \(seed)")
            #expect(outputs.count == 3, "seed \(seed)")
        }
    }

    // MARK: - Gaps

    /// The server acknowledges bytes the capture never saw: a gap, then the next message
    /// found again after it.
    @Test func acknowledgementBeyondAHoleDeclaresAGap() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        let afterInvite = 1001 + UInt32(Self.invite.count)
        harness.send(seq: 1001, Array(Self.invite[0..<100]))
        // Bytes 100..<end of the INVITE are lost; the ACK request arrives and waits.
        harness.send(seq: afterInvite, Self.ack)
        #expect(harness.outputs.isEmpty)
        harness.send(from: Self.server, to: Self.client, seq: 5001, ack: afterInvite + UInt32(Self.ack.count))
        #expect(
            harness.finish() == [
                TCPHarness.gap(Self.invite.count - 100, record: 6),
                TCPHarness.message(
                    SampleSIP.ack,
                    records: [5],
                    time: 6,
                    notes: [.followsGap(missingBytes: Self.invite.count - 100), .resynchronised(skippedBytes: 100)]
                ),
            ]
        )
    }

    /// A gap inside a body: the message is handed out with what it has, then the gap.
    @Test func gapInsideABody() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        let cut = Self.invite.count - 6
        let afterInvite = 1001 + UInt32(Self.invite.count)
        harness.send(seq: 1001, Array(Self.invite[0..<cut]))
        harness.send(seq: afterInvite, Self.ack)
        harness.send(from: Self.server, to: Self.client, seq: 5001, ack: afterInvite)
        #expect(
            harness.finish() == [
                TCPHarness.message(
                    Self.text(Self.invite[0..<cut]),
                    records: [4],
                    notes: [.incompleteBody(expected: 13, received: 7)]
                ),
                TCPHarness.gap(6, record: 6),
                TCPHarness.message(SampleSIP.ack, records: [5], time: 6, notes: [.followsGap(missingBytes: 6)]),
            ]
        )
    }

    /// An acknowledgement ahead of data that then arrives (capture timing) is not a gap.
    @Test func acknowledgementBeforeItsDataIsNotAGap() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(from: Self.server, to: Self.client, seq: 5001, ack: 1001 + UInt32(Self.invite.count))
        harness.send(seq: 1001, Self.invite)
        #expect(harness.finish() == [TCPHarness.message(SampleSIP.invite, records: [5])])
    }

    /// Holes still open at the end of the capture are gaps.
    @Test func holeAtFinishIsAGap() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: 1001, Array(Self.invite[0..<100]))
        harness.send(seq: 1001 + UInt32(Self.invite.count), Self.ack)
        #expect(
            harness.finish() == [
                TCPHarness.gap(Self.invite.count - 100, record: 5),
                TCPHarness.message(
                    SampleSIP.ack,
                    records: [5],
                    notes: [.followsGap(missingBytes: Self.invite.count - 100), .resynchronised(skippedBytes: 100)]
                ),
            ]
        )
    }

    /// Bytes the peer acknowledged past the last captured byte are a gap at the end.
    @Test func acknowledgedTailAtFinishIsAGap() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: 1001, Self.invite)
        harness.send(from: Self.server, to: Self.client, seq: 5001, ack: 1001 + UInt32(Self.invite.count) + 50)
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.invite, records: [4]),
                TCPHarness.gap(50, record: 5),
            ]
        )
    }

    /// More out-of-order segments than the cap: the hole is declared lost, with one warning.
    @Test func outOfOrderSegmentCap() {
        var limits = CaptureLimits()
        limits.maxOutOfOrderSegmentsPerDirection = 2
        var harness = TCPHarness(limits: limits)
        Self.handshake(&harness)
        let stream = Self.invite + Self.ack + Array(SampleSIP.bye.utf8)
        let inviteEnd = Self.invite.count
        // Segment 0 (the INVITE's first 10 bytes) is lost; then ACK and BYE in three pieces.
        let ackEnd = inviteEnd + Self.ack.count
        let pieces = [inviteEnd..<(inviteEnd + 20), (inviteEnd + 20)..<ackEnd, ackEnd..<stream.count]
        harness.send(seq: 1011, Array(stream[10..<inviteEnd]))
        for piece in pieces {
            harness.send(seq: 1001 + UInt32(piece.lowerBound), Array(stream[piece]))
        }
        // The third held segment (record 6) passes the cap of 2: the 10-byte hole is a gap.
        #expect(
            harness.outputs == [
                TCPHarness.gap(10, record: 6),
                TCPHarness.message(
                    SampleSIP.ack,
                    records: [5, 6],
                    notes: [
                        .followsGap(missingBytes: 10), .resynchronised(skippedBytes: inviteEnd - 10),
                        .reassembledFromSegments(2),
                    ]
                ),
                TCPHarness.message(SampleSIP.bye, records: [7]),
            ]
        )
        #expect(harness.reassembler.warnings.map(\.code) == [.limitReached])
        #expect(harness.reassembler.warnings.first?.recordNumber == 6)
    }

    /// Held bytes beyond the buffer cap force the hole closed too.
    @Test func outOfOrderByteCap() {
        var limits = CaptureLimits()
        limits.maxStreamBufferPerDirection = 150
        var harness = TCPHarness(limits: limits)
        Self.handshake(&harness)
        let ackSequence = 1001 + UInt32(Self.invite.count)
        harness.send(seq: ackSequence, Self.ack)
        #expect(harness.outputs.isEmpty)
        harness.send(seq: ackSequence + UInt32(Self.ack.count), Array(SampleSIP.bye.utf8))
        #expect(
            harness.outputs == [
                TCPHarness.gap(Self.invite.count, record: 5),
                TCPHarness.message(
                    SampleSIP.ack,
                    records: [4],
                    time: 5,
                    notes: [.followsGap(missingBytes: Self.invite.count)]
                ),
                TCPHarness.message(SampleSIP.bye, records: [5]),
            ]
        )
        // Reported once however often the cap is reached.
        harness.send(seq: 9000, Self.ack)
        harness.send(seq: 9900, Self.ack)
        _ = harness.finish()
        #expect(harness.reassembler.warnings.count == 1)
    }

    // MARK: - Connection life

    /// A reset ends both directions: what was pending is handed out, later data is ignored.
    @Test func resetFlushesAndEnds() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        let cut = Self.invite.count - 4
        harness.send(seq: 1001, Array(Self.invite[0..<cut]))
        harness.send(from: Self.server, to: Self.client, seq: 5001, flags: .rst)
        #expect(
            harness.outputs == [
                TCPHarness.message(
                    Self.text(Self.invite[0..<cut]),
                    records: [4],
                    notes: [.incompleteBody(expected: 13, received: 9)]
                )
            ]
        )
        harness.send(seq: 1001 + UInt32(cut), Array(Self.invite[cut...]) + Self.ack)
        #expect(harness.finish().count == 1)
    }

    /// A new SYN on the same ports starts a new connection.
    @Test func newConnectionOnTheSamePorts() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: 1001, Array(Self.invite[0..<(Self.invite.count - 1)]))
        Self.handshake(&harness, clientISN: 700_000, serverISN: 900_000)
        harness.send(seq: 700_001, Self.ack)
        #expect(
            harness.finish() == [
                TCPHarness.message(
                    Self.text(Self.invite[0..<(Self.invite.count - 1)]),
                    records: [4],
                    notes: [.incompleteBody(expected: 13, received: 12)]
                ),
                TCPHarness.message(SampleSIP.ack, records: [8]),
            ]
        )
    }

    /// Beyond the flow cap the least recently active flow is closed and dropped, with one warning.
    @Test func flowCap() {
        var limits = CaptureLimits()
        limits.maxTrackedFlows = 2
        var harness = TCPHarness(limits: limits)
        let clients = (0..<4).map { Endpoint(address: .v4(0x0A00_0001), port: UInt16(40_000 + $0)) }
        let partial = Array(Self.invite[0..<(Self.invite.count - 1)])
        harness.send(from: clients[0], seq: 1, partial)  // record 1
        harness.send(from: clients[1], seq: 1, partial)  // record 2
        // Record 3: flow 0 becomes the most recently active.
        harness.send(from: clients[0], seq: 1 + UInt32(partial.count), Array("\n".utf8))
        #expect(messageTexts(harness.outputs) == [SampleSIP.invite])
        harness.send(from: clients[2], seq: 1, Self.ack)  // record 4: evicts flow 1
        #expect(harness.reassembler.trackedFlowCount == 2)
        harness.send(from: clients[3], seq: 1, Self.ack)  // record 5: evicts flow 0
        #expect(
            harness.outputs == [
                TCPHarness.message(
                    SampleSIP.invite,
                    from: clients[0],
                    records: [1, 3],
                    notes: [.reassembledFromSegments(2)]
                ),
                TCPHarness.message(
                    Self.text(partial),
                    from: clients[1],
                    records: [2],
                    notes: [.incompleteBody(expected: 13, received: 12)]
                ),
                TCPHarness.message(SampleSIP.ack, from: clients[2], records: [4]),
                TCPHarness.message(SampleSIP.ack, from: clients[3], records: [5]),
            ]
        )
        #expect(harness.reassembler.warnings.map(\.code) == [.limitReached])
        #expect(harness.reassembler.warnings.first?.recordNumber == 4)
        // A segment of a dropped flow starts a new, mid-stream flow.
        harness.send(from: clients[1], seq: 1 + UInt32(partial.count), Array("\n".utf8) + Self.ack)
        #expect(messageTexts(harness.finish()).last == SampleSIP.ack)
    }

    /// After a reset, a SYN opens a new connection even from the side that never sent.
    @Test func newConnectionAfterReset() {
        var harness = TCPHarness()
        harness.send(from: Self.server, to: Self.client, seq: 10, flags: .rst)
        harness.send(seq: 1000, flags: .syn)
        harness.send(seq: 1001, Self.ack)
        #expect(harness.finish() == [TCPHarness.message(SampleSIP.ack, records: [3])])
    }

    /// Unframed bytes beyond the stream buffer cap are dropped with a warning; decoding
    /// finds the next message.
    @Test func streamBufferCap() {
        var limits = CaptureLimits()
        limits.maxStreamBufferPerDirection = 100
        var harness = TCPHarness(limits: limits)
        Self.handshake(&harness)
        harness.send(seq: 1001, Array(Self.invite[0..<150]))
        harness.send(seq: 1151, Array(Self.invite[150...]) + Self.ack)
        #expect(
            harness.finish() == [
                TCPHarness.message(
                    SampleSIP.ack,
                    records: [5],
                    notes: [.resynchronised(skippedBytes: Self.invite.count)]
                )
            ]
        )
        #expect(harness.reassembler.warnings.map(\.code) == [.limitReached])
    }

    /// A capture begun inside a HEP stream finds the next packet (not the SIP inside it).
    @Test func captureStartingInsideAHEPStream() {
        let first = Self.hepPacket(SampleSIP.invite)
        let second = Self.hepPacket(SampleSIP.ack)
        var harness = TCPHarness()
        harness.send(seq: 1, Array(first[30...]) + second)
        #expect(harness.finish() == [.hep(bytes: second, time: TCPHarness.time(1), recordNumbers: [1])])
    }

    /// A start line glued to the end of a body is found at the known method.
    @Test func startLineGluedToABody() {
        var harness = TCPHarness()
        harness.send(seq: 9, Array("a=sendrecvINVITE".utf8) + Self.invite[6...] + Self.ack)
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.invite, records: [1], notes: [.resynchronised(skippedBytes: 10)]),
                TCPHarness.message(SampleSIP.ack, records: [1]),
            ]
        )
    }

    /// Extreme limits (zero, negative, the largest integers) do not trap.
    @Test(arguments: [0, -1, Int.min, Int.max])
    func extremeLimits(value: Int) {
        var limits = CaptureLimits()
        limits.maxSIPMessageLength = value
        limits.maxStreamBufferPerDirection = value
        limits.maxOutOfOrderSegmentsPerDirection = value
        limits.maxTrackedFlows = value
        var harness = TCPHarness(limits: limits)
        Self.handshake(&harness)
        harness.send(seq: 1101, Array(Self.invite[100...]) + Self.ack)
        harness.send(seq: 1001, Array(Self.invite[0..<100]))
        harness.send(seq: 1001 + UInt32(Self.invite.count), Array("Content-Length: 99999999999999999999999\r\n".utf8))
        let outputs = harness.finish()
        if value == Int.max {
            #expect(messageTexts(outputs).prefix(2) == [SampleSIP.invite, SampleSIP.ack])
        }
    }

    /// Random segments (random flags, sequence numbers near each other, payloads mixing SIP,
    /// WebSocket, TLS, HEP and noise) never trap, and whatever comes out as a message starts
    /// with a SIP start line.
    @Test func randomSegmentsNeverTrap() {
        let fragments: [[UInt8]] = [
            Self.invite, Self.ack, Array("\r\n\r\n".utf8), Self.hepPacket(SampleSIP.ack),
            Self.tlsRecord(type: 22, [1, 0, 0]), [0x81, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0],
            [0x81, 0x05] + Array("INVIT".utf8), Array("GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n".utf8),
            Array("HTTP/1.1 101 OK\r\n\r\n".utf8), Array("Content-Length: 70000\r\n\r\n".utf8),
        ]
        var limits = CaptureLimits()
        limits.maxTrackedFlows = 3
        limits.maxOutOfOrderSegmentsPerDirection = 4
        limits.maxStreamBufferPerDirection = 2000
        limits.maxSIPMessageLength = 1000
        for seed in UInt64(1)...20 {
            var generator = SeededGenerator(seed: seed)
            var harness = TCPHarness(limits: limits)
            let endpoints = (0..<4).map {
                Endpoint(address: .v4(0x0A00_0001 + UInt32($0 % 2)), port: UInt16(5060 + $0 / 2))
            }
            var sequences: [UInt32] = [1, 1_000_000, 0xFFFF_FF00, 77]
            for _ in 0..<400 {
                let from = Int.random(in: 0..<4, using: &generator)
                var to = Int.random(in: 0..<4, using: &generator)
                if to == from { to = (to + 1) % 4 }
                var payload: [UInt8] = []
                for _ in 0..<Int.random(in: 0...3, using: &generator) {
                    let fragment = fragments[Int.random(in: 0..<fragments.count, using: &generator)]
                    let start = Int.random(in: 0...fragment.count, using: &generator)
                    payload += fragment[start...]
                }
                if Bool.random(using: &generator) {
                    payload += (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                        UInt8.random(in: 0...255, using: &generator)
                    }
                }
                let flags = TCPFlags(rawValue: UInt8.random(in: 0...255, using: &generator) & 0x17 | 0x10)
                let jitter = Int32.random(in: -300...300, using: &generator)
                let sequence = sequences[from] &+ UInt32(bitPattern: jitter)
                if Bool.random(using: &generator) { sequences[from] = sequence &+ UInt32(payload.count) }
                harness.send(
                    from: endpoints[from],
                    to: endpoints[to],
                    seq: sequence,
                    ack: sequences[to] &+ UInt32(Int.random(in: 0...500, using: &generator)),
                    flags: flags,
                    payload
                )
            }
            for output in harness.finish() {
                if case .message(let message) = output {
                    #expect(message.payload.withUnsafeBytes { SIPStartLine.looksLikeSIP($0) }, "seed \(seed)")
                    #expect(message.payload.count <= 1000 + 2000, "seed \(seed)")
                }
            }
            #expect(harness.reassembler.trackedFlowCount <= 3)
        }
    }

    /// Segments implausibly far from the expected sequence number are ignored.
    @Test func implausibleSequenceNumbersAreIgnored() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: 1001 &+ 0x8000_0000, Self.ack)
        harness.send(seq: 1001 &- 0x7000_0000, Self.ack)
        harness.send(seq: 1001, Self.ack)
        #expect(harness.finish() == [TCPHarness.message(SampleSIP.ack, records: [6])])
    }

    /// A connection seen from its SYN that does not carry SIP gives nothing, gaps included.
    @Test func nonSIPConnectionIsIgnored() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        let request = Array("GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n".utf8)
        harness.send(seq: 1001, request)
        harness.send(seq: 1001 + UInt32(request.count) + 10, Self.invite)
        harness.send(from: Self.server, to: Self.client, seq: 5001, ack: 1001 + UInt32(request.count) + 500)
        harness.send(from: Self.server, to: Self.client, seq: 5001, Array("HTTP/1.1 200 OK\r\n\r\n".utf8))
        #expect(harness.finish() == [])
    }

    /// A stream begun in the middle that never shows SIP reports none of its gaps.
    @Test func gapsOfUnrecognisedStreamsAreNotReported() {
        var harness = TCPHarness()
        let noise: [UInt8] = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        harness.send(seq: 500, noise)
        harness.send(seq: 800, noise)
        harness.send(from: Self.server, to: Self.client, seq: 1, ack: 1000)
        #expect(harness.finish() == [])
    }

    // MARK: - HEP over TCP

    /// A HEP3 packet of the given payload (a single payload chunk).
    static func hepPacket(_ payload: String) -> [UInt8] {
        let body = Array(payload.utf8)
        let chunkLength = 6 + body.count
        let total = 6 + chunkLength
        return Array("HEP3".utf8) + [UInt8(total >> 8), UInt8(total & 0xFF)]
            + [0, 0, 0, 15, UInt8(chunkLength >> 8), UInt8(chunkLength & 0xFF)] + body
    }

    @Test func hepPacketsAreFramedByLength() {
        let first = Self.hepPacket(SampleSIP.invite)
        let second = Self.hepPacket(SampleSIP.ack)
        let stream = first + second
        var harness = TCPHarness()
        let port9060 = Endpoint(address: .v4(0x0A00_0002), port: 9060)
        harness.send(to: port9060, seq: 1, flags: .syn)
        harness.send(to: port9060, seq: 2, Array(stream[0..<3]))
        harness.send(to: port9060, seq: 5, Array(stream[3..<(first.count + 4)]))
        harness.send(to: port9060, seq: 2 + UInt32(first.count) + 4, Array(stream[(first.count + 4)...]))
        #expect(
            harness.finish() == [
                .hep(bytes: first, time: TCPHarness.time(3), recordNumbers: [2, 3]),
                .hep(bytes: second, time: TCPHarness.time(4), recordNumbers: [3, 4]),
            ]
        )
    }

    /// After a gap, HEP framing is found again at the next magic.
    @Test func hepResynchronisesOnMagic() {
        let first = Self.hepPacket(SampleSIP.invite)
        let second = Self.hepPacket(SampleSIP.ack)
        var harness = TCPHarness()
        harness.send(seq: 1, flags: .syn)
        harness.send(seq: 2, Array(first[0..<20]))
        harness.send(seq: 2 + UInt32(first.count) - 5, Array(first[(first.count - 5)...]) + second)
        #expect(
            harness.finish() == [
                TCPHarness.gap(first.count - 25, record: 3),
                .hep(bytes: second, time: TCPHarness.time(3), recordNumbers: [3]),
            ]
        )
    }

    /// A SIP stream that turns into HEP (a capture begun inside a HEP stream) switches over.
    @Test func hepAfterSIPSwitchesFraming() {
        let packet = Self.hepPacket(SampleSIP.ack)
        var harness = TCPHarness()
        harness.send(seq: 1, Self.invite + packet)
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.invite, records: [1]),
                .hep(bytes: packet, time: TCPHarness.time(1), recordNumbers: [1]),
            ]
        )
    }

    // MARK: - TLS

    /// A TLS record: type, version, length, payload.
    static func tlsRecord(type: UInt8, version: UInt16 = 0x0303, _ payload: [UInt8]) -> [UInt8] {
        [type, UInt8(version >> 8), UInt8(version & 0xFF), UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
            + payload
    }

    @Test func tlsRecordsAreCounted() {
        let tlsServer = Endpoint(address: .v4(0x0A00_0002), port: 5061)
        let clientHello = Self.tlsRecord(type: 22, version: 0x0301, [1] + Array(repeating: 0xAB, count: 200))
        let serverHello = Self.tlsRecord(type: 22, [2] + Array(repeating: 0xCD, count: 90))
        let changeCipher = Self.tlsRecord(type: 20, [1])
        let data = Self.tlsRecord(type: 23, Array(repeating: 0x5A, count: 1000))
        var harness = TCPHarness()
        harness.send(to: tlsServer, seq: 100, flags: .syn)
        harness.send(from: tlsServer, to: Self.client, seq: 800, ack: 101, flags: .syn)
        harness.send(to: tlsServer, seq: 101, Array(clientHello[0..<3]))  // record 3: header split
        harness.send(to: tlsServer, seq: 104, Array(clientHello[3...]))
        harness.send(from: tlsServer, to: Self.client, seq: 801, serverHello + changeCipher + Array(data[0..<500]))
        harness.send(
            from: tlsServer,
            to: Self.client,
            seq: 801 + UInt32(serverHello.count + changeCipher.count + 500),
            Array(data[500...])
        )
        #expect(harness.finish() == [])
        let expected = EncryptedFlow(
            client: Self.client,
            server: tlsServer,
            records: 4,
            firstRecordNumber: 3,
            transport: .tls
        )
        #expect(harness.reassembler.encryptedFlows == [expected])
        #expect(expected.description == "4 TLS records on 10.0.0.2:5061, encrypted")
    }

    /// Without a hello, the client is the side with the higher port; port 443 suggests WSS.
    @Test func tlsWithoutHandshakeGuessesRoles() {
        let httpsServer = Endpoint(address: .v4(0x0A00_0002), port: 443)
        let data = Self.tlsRecord(type: 23, Array(repeating: 0x11, count: 40))
        var harness = TCPHarness()
        harness.send(from: httpsServer, to: Self.client, seq: 7, data + data + Array(data[0..<20]))
        // A gap of a known size inside a record's payload keeps the count going.
        harness.send(from: httpsServer, to: Self.client, seq: 7 + UInt32(2 * data.count) + 30, Array(data[30...]))
        harness.send(seq: 1, ack: 7 + UInt32(3 * data.count))
        // The gap in an encrypted stream is not reported.
        #expect(harness.finish() == [])
        let expected = EncryptedFlow(
            client: Self.client,
            server: httpsServer,
            records: 3,
            firstRecordNumber: 1,
            transport: .wss
        )
        #expect(harness.reassembler.encryptedFlows == [expected])
        #expect(expected.description == "3 TLS records on 10.0.0.2:443 (likely secure WebSocket), encrypted")
    }

    /// Encrypted flows outlive their eviction from the flow table, in a stable order.
    @Test func encryptedFlowsSurviveEviction() {
        var limits = CaptureLimits()
        limits.maxTrackedFlows = 1
        var harness = TCPHarness(limits: limits)
        let record = Self.tlsRecord(type: 23, [1, 2, 3])
        let first = Endpoint(address: .v4(0x0A00_0009), port: 6000)
        harness.send(seq: 1, record)
        harness.send(from: first, seq: 1, record)
        let flows = harness.reassembler.encryptedFlows
        #expect(flows.map(\.firstRecordNumber) == [1, 2])
        #expect(flows.map(\.records) == [1, 1])
        #expect(flows.map(\.client) == [Self.client, first])
    }

    /// Bytes that are not a valid TLS header do not make a flow encrypted.
    @Test(arguments: [
        [0x17, 0x03, 0x05, 0x00, 0x10] as [UInt8],  // version 3.5
        [0x18, 0x03, 0x03, 0x00, 0x10],  // heartbeat does not start a connection
        [0x17, 0x03, 0x03, 0x00, 0x00],  // empty record
        [0x17, 0x03, 0x03, 0x48, 0x01],  // longer than 2^14 + 2048
        [0x17, 0x02, 0x03, 0x00, 0x10],
    ])
    func notTLS(header: [UInt8]) {
        var harness = TCPHarness()
        harness.send(seq: 1, flags: .syn)
        harness.send(seq: 2, header + Array(repeating: 0, count: 16))
        #expect(harness.finish() == [])
        #expect(harness.reassembler.encryptedFlows == [])
    }
}
