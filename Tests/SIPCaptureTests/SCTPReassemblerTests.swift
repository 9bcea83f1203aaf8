import Testing

@testable import SIPCapture

@Suite struct SCTPReassemblerTests {
    // MARK: - Helpers

    private static let alice = IPAddress.v4(0x0A00_0001)
    private static let bob = IPAddress.v4(0x0A00_0002)

    private static let first: UInt8 = 0x02
    private static let last: UInt8 = 0x01
    private static let whole: UInt8 = 0x03
    private static let unordered: UInt8 = 0x04

    private static func header(
        sourcePort: UInt16 = 5060,
        destinationPort: UInt16 = 5061,
        tag: UInt32 = 0x1122_3344
    )
        -> [UInt8]
    {
        TestFrames.be16(sourcePort) + TestFrames.be16(destinationPort) + TestFrames.be32(tag) + [
            0xde, 0xad, 0xbe, 0xef,
        ]
    }

    private static func padding(_ count: Int) -> [UInt8] { [UInt8](repeating: 0, count: (4 - count % 4) % 4) }

    /// A DATA chunk (RFC 9260 section 3.3.1), padded.
    private static func data(
        tsn: UInt32,
        stream: UInt16 = 0,
        ssn: UInt16 = 0,
        flags: UInt8,
        ppid: UInt32 = 0,
        _ payload: [UInt8]
    ) -> [UInt8] {
        [0, flags] + TestFrames.be16(UInt16(16 + payload.count)) + TestFrames.be32(tsn) + TestFrames.be16(stream)
            + TestFrames.be16(ssn) + TestFrames.be32(ppid) + payload + padding(payload.count)
    }

    /// An I-DATA chunk (RFC 8260 section 2.1), padded; `ppidOrFSN` is the PPID with the B flag,
    /// the FSN otherwise.
    private static func idata(
        tsn: UInt32,
        stream: UInt16 = 0,
        mid: UInt32,
        flags: UInt8,
        ppidOrFSN: UInt32,
        _ payload: [UInt8]
    ) -> [UInt8] {
        [64, flags] + TestFrames.be16(UInt16(20 + payload.count)) + TestFrames.be32(tsn) + TestFrames.be16(stream)
            + [0, 0] + TestFrames.be32(mid) + TestFrames.be32(ppidOrFSN) + payload + padding(payload.count)
    }

    private static let sack: [UInt8] = [3, 0, 0, 16] + TestFrames.be32(7) + TestFrames.be32(65_536) + [0, 0, 0, 0]

    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @discardableResult
    private static func ingest(
        _ reassembler: SCTPReassembler,
        _ packet: [UInt8],
        source: IPAddress = alice,
        destination: IPAddress = bob,
        at nanoseconds: Int64 = 0,
        record: Int
    ) -> [SCTPUserMessage]? {
        packet.withUnsafeBytes {
            reassembler.ingest(
                $0,
                source: source,
                destination: destination,
                time: CaptureTime(nanoseconds: nanoseconds),
                recordNumber: record
            )
        }
    }

    /// The payloads `packet` completes.
    private static func payloads(_ reassembler: SCTPReassembler, _ packet: [UInt8], record: Int) -> [[UInt8]]? {
        ingest(reassembler, packet, record: record)?.map(\.payload)
    }

    // MARK: - A real capture

    private static let captureSource = IPAddress.v4(0x0AF9_1E0B)  // 10.249.30.11
    private static let captureDestination = IPAddress.v4(0x0A6C_CF71)  // 10.108.207.113
    private static let frame1Time: Int64 = 1_579_813_424_069_607_000
    private static let frame2Time: Int64 = 1_579_813_424_069_637_000

    private static var captureInvite: [UInt8] {
        Array(SCTPCaptureVectors.frame1[28...]) + Array(SCTPCaptureVectors.frame2[28...])
    }

    private static func ingestCapture(_ reassembler: SCTPReassembler, frame: Int) -> [SCTPUserMessage]? {
        let (bytes, time) =
            frame == 1 ? (SCTPCaptureVectors.frame1, frame1Time) : (SCTPCaptureVectors.frame2, frame2Time)
        return ingest(
            reassembler,
            bytes,
            source: captureSource,
            destination: captureDestination,
            at: time,
            record: frame
        )
    }

    @Test func captureFragmentsJoin() throws {
        let reassembler = SCTPReassembler()
        #expect(Self.ingestCapture(reassembler, frame: 1) == [])
        #expect(reassembler.bufferedByteCount == 1452)
        let messages = try #require(Self.ingestCapture(reassembler, frame: 2))
        #expect(
            messages == [
                SCTPUserMessage(
                    source: Endpoint(address: Self.captureSource, port: 57098),
                    destination: Endpoint(address: Self.captureDestination, port: 5060),
                    streamIdentifier: 0,
                    payloadProtocolIdentifier: 0,
                    payload: Self.captureInvite,
                    recordNumbers: [1, 2],
                    time: CaptureTime(nanoseconds: Self.frame2Time),
                    fragmentCount: 2
                )
            ]
        )
        let text = String(decoding: messages[0].payload, as: UTF8.self)
        #expect(messages[0].payload.count == 1764)
        #expect(text.hasPrefix("INVITE sip:9275890000@VMSSM;user=phone SIP/2.0\r\nContent-Length:657\r\n"))
        #expect(text.hasSuffix("--8AF759A68474B6758999EB624E30C5271AF8251E--"))
        // The body after the blank line is exactly the Content-Length.
        #expect(messages[0].payload.count - (try #require(Self.headerEnd(messages[0].payload))) == 657)
        #expect(reassembler.bufferedByteCount == 0)
        #expect(reassembler.warnings.isEmpty)
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where Array(bytes[index..<(index + 4)]) == marker {
            return index + 4
        }
        return nil
    }

    @Test func captureFragmentsJoinOutOfOrder() throws {
        let reassembler = SCTPReassembler()
        #expect(Self.ingestCapture(reassembler, frame: 2) == [])
        let messages = try #require(Self.ingestCapture(reassembler, frame: 1))
        #expect(messages.map(\.payload) == [Self.captureInvite])
        #expect(messages.map(\.recordNumbers) == [[1, 2]])
        #expect(messages.map(\.time) == [CaptureTime(nanoseconds: Self.frame1Time)])
    }

    @Test func capturePaddedChunkAndItsRetransmission() {
        let reassembler = SCTPReassembler()
        let frame = SCTPCaptureVectors.frame3
        #expect(frame.count == 396)
        let messages = Self.ingest(
            reassembler,
            frame,
            source: Self.captureDestination,
            destination: Self.captureSource,
            record: 3
        )
        #expect(messages?.map(\.payload) == [Array(frame[28..<(28 + 365)])])
        #expect(messages?.map(\.source) == [Endpoint(address: Self.captureDestination, port: 5060)])
        #expect(
            messages?.first.map { String(decoding: $0.payload.prefix(24), as: UTF8.self) } == "SIP/2.0 100 Giving a try"
        )
        // The same TSN again is a retransmission.
        #expect(
            Self.ingest(reassembler, frame, source: Self.captureDestination, destination: Self.captureSource, record: 4)
                == []
        )
    }

    /// Every prefix of frame 3: no common header gives `nil`, a cut chunk gives nothing (with a
    /// warning), the whole chunk (with or without its padding) gives the message.
    @Test func everyPrefixOfAPaddedChunk() {
        let frame = SCTPCaptureVectors.frame3
        for length in 0...frame.count {
            let reassembler = SCTPReassembler()
            let result = Self.ingest(reassembler, Array(frame.prefix(length)), record: 1)
            let warnings = reassembler.warnings.map(\.message)
            switch length {
            case ..<12:
                #expect(result == nil, "prefix \(length)")
                #expect(warnings == ["SCTP packet shorter than its 12-byte common header"])
            case 12:
                #expect(result == [], "prefix \(length)")
                #expect(warnings.isEmpty)
            case 13..<16:
                #expect(result == [], "prefix \(length)")
                #expect(warnings == ["SCTP chunk header cut short"], "prefix \(length)")
            case 16..<393:
                #expect(result == [], "prefix \(length)")
                #expect(warnings == ["SCTP chunk runs past the end of the packet"], "prefix \(length)")
            default:
                #expect(result?.map(\.payload.count) == [365], "prefix \(length)")
                #expect(warnings.isEmpty, "prefix \(length)")
            }
        }
    }

    /// Every prefix of the first fragment, followed by the whole second one: only the whole first
    /// fragment completes the message.
    @Test func everyPrefixOfAFragment() {
        for length in 0...SCTPCaptureVectors.frame1.count {
            let reassembler = SCTPReassembler()
            let firstResult = Self.ingest(reassembler, Array(SCTPCaptureVectors.frame1.prefix(length)), record: 1)
            #expect((firstResult == nil) == (length < 12), "prefix \(length)")
            #expect(firstResult?.isEmpty ?? true, "prefix \(length)")
            let second = Self.ingest(reassembler, SCTPCaptureVectors.frame2, record: 2)
            #expect(second?.count == (length == SCTPCaptureVectors.frame1.count ? 1 : 0), "prefix \(length)")
        }
    }

    // MARK: - DATA

    @Test func bundledChunksComeOutInChunkOrder() throws {
        let reassembler = SCTPReassembler()
        let packet =
            Self.header() + Self.data(tsn: 1, flags: Self.whole, Self.bytes("one"))
            + Self.sack + Self.data(tsn: 2, stream: 3, ssn: 1, flags: Self.whole, ppid: 39, Self.bytes("second"))
        let messages = try #require(Self.ingest(reassembler, packet, at: 42, record: 9))
        #expect(
            messages == [
                SCTPUserMessage(
                    source: Endpoint(address: Self.alice, port: 5060),
                    destination: Endpoint(address: Self.bob, port: 5061),
                    streamIdentifier: 0,
                    payloadProtocolIdentifier: 0,
                    payload: Self.bytes("one"),
                    recordNumbers: [9],
                    time: CaptureTime(nanoseconds: 42),
                    fragmentCount: 1
                ),
                SCTPUserMessage(
                    source: Endpoint(address: Self.alice, port: 5060),
                    destination: Endpoint(address: Self.bob, port: 5061),
                    streamIdentifier: 3,
                    payloadProtocolIdentifier: 39,
                    payload: Self.bytes("second"),
                    recordNumbers: [9],
                    time: CaptureTime(nanoseconds: 42),
                    fragmentCount: 1
                ),
            ]
        )
    }

    @Test(arguments: [[0, 1, 2], [2, 0, 1], [1, 2, 0], [2, 1, 0]])
    func fragmentsJoinInAnyOrder(order: [Int]) throws {
        let reassembler = SCTPReassembler()
        let fragments = [
            Self.data(tsn: 10, ssn: 4, flags: Self.first, ppid: 7, Self.bytes("INVITE ")),
            Self.data(tsn: 11, ssn: 4, flags: 0, ppid: 7, Self.bytes("sip:bob")),
            Self.data(tsn: 12, ssn: 4, flags: Self.last, ppid: 7, Self.bytes(" SIP/2.0")),
        ]
        var results: [[SCTPUserMessage]] = []
        for index in order {
            results.append(try #require(Self.ingest(reassembler, Self.header() + fragments[index], record: index + 1)))
        }
        #expect(results.dropLast().map(\.count) == [0, 0])
        let message = try #require(results.last?.first)
        #expect(message.payload == Self.bytes("INVITE sip:bob SIP/2.0"))
        #expect(message.recordNumbers == [1, 2, 3])
        #expect(message.fragmentCount == 3)
        #expect(message.payloadProtocolIdentifier == 7)
        #expect(reassembler.bufferedByteCount == 0)
    }

    @Test func tsnWrapsAround() {
        let reassembler = SCTPReassembler()
        #expect(
            Self.payloads(reassembler, Self.header() + Self.data(tsn: 0xffff_ffff, flags: Self.first, [1]), record: 1)
                == []
        )
        #expect(
            Self.payloads(reassembler, Self.header() + Self.data(tsn: 0, flags: Self.last, [2]), record: 2) == [[1, 2]]
        )
    }

    @Test func orderedFragmentsNeedTheSameStreamAndSSN() {
        let reassembler = SCTPReassembler()
        Self.ingest(reassembler, Self.header() + Self.data(tsn: 1, ssn: 5, flags: Self.first, [1]), record: 1)
        #expect(
            Self.payloads(reassembler, Self.header() + Self.data(tsn: 2, ssn: 6, flags: Self.last, [2]), record: 2)
                == []
        )
        Self.ingest(reassembler, Self.header() + Self.data(tsn: 3, stream: 1, flags: Self.first, [3]), record: 3)
        #expect(
            Self.payloads(reassembler, Self.header() + Self.data(tsn: 4, stream: 2, flags: Self.last, [4]), record: 4)
                == []
        )
        // Unordered fragments carry no meaningful SSN.
        Self.ingest(
            reassembler,
            Self.header() + Self.data(tsn: 5, ssn: 1, flags: Self.first | Self.unordered, [5]),
            record: 5
        )
        #expect(
            Self.payloads(
                reassembler,
                Self.header() + Self.data(tsn: 6, ssn: 9, flags: Self.last | Self.unordered, [6]),
                record: 6
            )
                == [[5, 6]]
        )
        // A fragment without B after an E does not join the message before.
        #expect(Self.payloads(reassembler, Self.header() + Self.data(tsn: 7, flags: Self.last, [7]), record: 7) == [])
    }

    @Test func retransmittedTSNsAreDropped() throws {
        let reassembler = SCTPReassembler()
        let complete = Self.header() + Self.data(tsn: 5, flags: Self.whole, Self.bytes("ACK"))
        #expect(Self.payloads(reassembler, complete, record: 1) == [Self.bytes("ACK")])
        #expect(Self.payloads(reassembler, complete, record: 2) == [])
        let head = Self.header() + Self.data(tsn: 6, flags: Self.first, Self.bytes("BY"))
        #expect(Self.payloads(reassembler, head, record: 3) == [])
        #expect(Self.payloads(reassembler, head, record: 4) == [])
        let message = try #require(
            Self.ingest(reassembler, Self.header() + Self.data(tsn: 7, flags: Self.last, Self.bytes("E")), record: 5)?
                .first
        )
        #expect(message.payload == Self.bytes("BYE"))
        #expect(message.recordNumbers == [3, 5])
        #expect(message.fragmentCount == 2)
        #expect(reassembler.warnings.isEmpty)
    }

    @Test func directionsAndVerificationTagsAreSeparate() {
        let reassembler = SCTPReassembler()
        let chunk = Self.data(tsn: 5, flags: Self.whole, [1])
        #expect(Self.payloads(reassembler, Self.header() + chunk, record: 1) == [[1]])
        // The reverse direction has its own TSNs.
        #expect(
            Self.ingest(reassembler, Self.header() + chunk, source: Self.bob, destination: Self.alice, record: 2)?.count
                == 1
        )
        // A restarted association has new tags and starts its TSNs afresh.
        #expect(Self.payloads(reassembler, Self.header(tag: 0x5555_5555) + chunk, record: 3) == [[1]])
        #expect(reassembler.trackedFlowCount == 3)
    }

    // MARK: - I-DATA

    @Test func interleavedIDataMessages() throws {
        let reassembler = SCTPReassembler()
        let chunks = [
            Self.idata(tsn: 1, stream: 1, mid: 0, flags: Self.first, ppidOrFSN: 42, Self.bytes("aa")),
            Self.idata(tsn: 2, stream: 2, mid: 0, flags: Self.first, ppidOrFSN: 43, Self.bytes("xx")),
            Self.idata(tsn: 3, stream: 1, mid: 0, flags: 0, ppidOrFSN: 1, Self.bytes("bb")),
            Self.idata(tsn: 4, stream: 2, mid: 0, flags: Self.last, ppidOrFSN: 1, Self.bytes("yy")),
            Self.idata(tsn: 5, stream: 1, mid: 0, flags: Self.last, ppidOrFSN: 2, Self.bytes("cc")),
        ]
        var completed: [(Int, SCTPUserMessage)] = []
        for (index, chunk) in chunks.enumerated() {
            for message in try #require(Self.ingest(reassembler, Self.header() + chunk, record: index + 1)) {
                completed.append((index + 1, message))
            }
        }
        #expect(completed.map(\.0) == [4, 5])
        #expect(completed.map(\.1.payload) == [Self.bytes("xxyy"), Self.bytes("aabbcc")])
        #expect(completed.map(\.1.payloadProtocolIdentifier) == [43, 42])
        #expect(completed.map(\.1.streamIdentifier) == [2, 1])
        #expect(completed.map(\.1.recordNumbers) == [[2, 4], [1, 3, 5]])
        #expect(completed.map(\.1.fragmentCount) == [2, 3])
        #expect(reassembler.bufferedByteCount == 0)
    }

    @Test func iDataOutOfOrderAndSeparateMessageIDSpaces() {
        let reassembler = SCTPReassembler()
        // Ordered and unordered MID 9 on stream 0 are different messages.
        let packets = [
            Self.idata(tsn: 3, mid: 9, flags: Self.last, ppidOrFSN: 1, [3]),
            Self.idata(tsn: 4, mid: 9, flags: Self.last | Self.unordered, ppidOrFSN: 1, [4]),
            Self.idata(tsn: 1, mid: 9, flags: Self.first | Self.unordered, ppidOrFSN: 0, [1]),
            Self.idata(tsn: 2, mid: 9, flags: Self.first, ppidOrFSN: 0, [2]),
        ]
        let results = packets.enumerated().map { Self.payloads(reassembler, Self.header() + $1, record: $0 + 1) }
        #expect(results == [[], [], [[1, 4]], [[2, 3]]])
    }

    @Test func singleIDataChunk() {
        let reassembler = SCTPReassembler()
        let packet = Self.header() + Self.idata(tsn: 1, stream: 4, mid: 0, flags: Self.whole, ppidOrFSN: 39, [7, 8, 9])
        let messages = Self.ingest(reassembler, packet, record: 1)
        #expect(messages?.map(\.payload) == [[7, 8, 9]])
        #expect(messages?.map(\.payloadProtocolIdentifier) == [39])
        #expect(messages?.map(\.streamIdentifier) == [4])
    }

    @Test func iDataDisagreeingEndsDropTheMessage() {
        let reassembler = SCTPReassembler()
        Self.ingest(
            reassembler,
            Self.header() + Self.idata(tsn: 1, mid: 1, flags: Self.first, ppidOrFSN: 0, [1]),
            record: 1
        )
        Self.ingest(
            reassembler,
            Self.header() + Self.idata(tsn: 2, mid: 1, flags: Self.last, ppidOrFSN: 2, [2]),
            record: 2
        )
        #expect(
            Self.payloads(
                reassembler,
                Self.header() + Self.idata(tsn: 3, mid: 1, flags: Self.last, ppidOrFSN: 3, [3]),
                record: 3
            )
                == []
        )
        #expect(reassembler.bufferedByteCount == 0)
        // A fragment past the known end is refused the same way.
        Self.ingest(
            reassembler,
            Self.header() + Self.idata(tsn: 4, mid: 2, flags: Self.last, ppidOrFSN: 1, [4]),
            record: 4
        )
        #expect(
            Self.payloads(
                reassembler,
                Self.header() + Self.idata(tsn: 5, mid: 2, flags: 0, ppidOrFSN: 5, [5]),
                record: 5
            )
                == []
        )
        #expect(
            reassembler.warnings.map(\.message) == [
                "SCTP I-DATA fragments disagree on the message's end; message dropped (2 times; the first is located here)"
            ]
        )
        #expect(reassembler.bufferedByteCount == 0)
    }

    // MARK: - Bad chunks

    /// Hand-made bad packets: what comes out and the one warning expected.
    @Test(
        arguments: [
            (Array(repeating: 0, count: 11), nil, "SCTP packet shorter than its 12-byte common header"),
            (header() + [0, 3], [], "SCTP chunk header cut short"),
            (header() + [0, 3, 0, 3], [], "SCTP chunk length below 4; rest of the packet skipped"),
            (
                header() + [0, 3, 0, 0] + data(tsn: 1, flags: whole, [1]), [],
                "SCTP chunk length below 4; rest of the packet skipped"
            ),
            (header() + [0, 3, 0, 64, 1, 2, 3, 4], [], "SCTP chunk runs past the end of the packet"),
            (
                header() + [0, 3, 0, 16] + Array(repeating: 0, count: 12), [],
                "SCTP DATA or I-DATA chunk without user data ignored"
            ),
            (
                header() + [64, 3, 0, 20] + Array(repeating: 0, count: 16), [],
                "SCTP DATA or I-DATA chunk without user data ignored"
            ),
            (
                header() + idata(tsn: 1, mid: 1, flags: 0, ppidOrFSN: 0, [1]), [],
                "SCTP I-DATA fragment with FSN 0 but no B flag ignored"
            ),
            // A good chunk before the damage is kept.
            (
                header() + data(tsn: 1, flags: whole, [1]) + [0, 3, 0, 2], [[1]],
                "SCTP chunk length below 4; rest of the packet skipped"
            ),
        ] as [([UInt8], [[UInt8]]?, String)]
    )
    func badPackets(bytes: [UInt8], expected: [[UInt8]]?, warning: String) {
        let reassembler = SCTPReassembler()
        #expect(Self.payloads(reassembler, bytes, record: 1) == expected)
        #expect(reassembler.warnings == [CaptureWarning(.malformedPacket, warning, recordNumber: 1)])
    }

    @Test func unknownChunksAreSkippedByLength() {
        let reassembler = SCTPReassembler()
        let heartbeat: [UInt8] = [4, 0, 0, 9, 0, 1, 0, 5, 0xaa, 0, 0, 0]  // length 9, padded to 12
        let packet = Self.header() + heartbeat + Self.data(tsn: 1, flags: Self.whole, [1, 2])
        #expect(Self.payloads(reassembler, packet, record: 1) == [[1, 2]])
        #expect(reassembler.warnings.isEmpty)
    }

    // MARK: - Limits

    @Test func messagesLargerThanTheSIPLimitAreDropped() {
        var limits = CaptureLimits()
        limits.maxSIPMessageLength = 10
        let reassembler = SCTPReassembler(limits: limits)
        let eight = [UInt8](repeating: 0x41, count: 8)
        Self.ingest(reassembler, Self.header() + Self.data(tsn: 1, flags: Self.first, eight), record: 1)
        #expect(Self.payloads(reassembler, Self.header() + Self.data(tsn: 2, flags: Self.last, eight), record: 2) == [])
        #expect(
            Self.payloads(
                reassembler,
                Self.header() + Self.data(tsn: 3, flags: Self.whole, eight + [1, 2, 3]),
                record: 3
            ) == []
        )
        #expect(
            Self.payloads(
                reassembler,
                Self.header() + Self.data(tsn: 4, flags: Self.whole, eight + [1, 2]),
                record: 4
            )?.count == 1
        )
        #expect(
            reassembler.warnings == [
                CaptureWarning(
                    .limitReached,
                    "SCTP user message larger than the SIP message limit dropped (2 times; the first is located here)",
                    recordNumber: 2
                )
            ]
        )
        #expect(reassembler.bufferedByteCount == 0)
    }

    @Test func pendingChunkLimitShedsTheOldestHalf() {
        var limits = CaptureLimits()
        limits.maxSCTPPendingChunksPerDirection = 4
        let reassembler = SCTPReassembler(limits: limits)
        // Four messages started (TSN 1, 3, 5, 7), none finished.
        for tsn: UInt32 in [1, 3, 5, 7] {
            Self.ingest(
                reassembler,
                Self.header() + Self.data(tsn: tsn, flags: Self.first, [UInt8(tsn)]),
                record: Int(tsn)
            )
        }
        #expect(reassembler.bufferedByteCount == 4)
        // A fifth sheds the two oldest (TSN 1 and 3).
        Self.ingest(reassembler, Self.header() + Self.data(tsn: 9, flags: Self.first, [9]), record: 9)
        #expect(reassembler.bufferedByteCount == 3)
        #expect(Self.payloads(reassembler, Self.header() + Self.data(tsn: 2, flags: Self.last, [2]), record: 10) == [])
        #expect(Self.payloads(reassembler, Self.header() + Self.data(tsn: 4, flags: Self.last, [4]), record: 11) == [])
        // TSN 4 found the table full again and shed 5 and 7.
        #expect(reassembler.bufferedByteCount == 3)
        #expect(reassembler.warnings.map(\.code) == [.limitReached])
        let reassembler2 = SCTPReassembler(limits: limits)
        for tsn: UInt32 in [1, 3, 5, 7, 9] {
            Self.ingest(
                reassembler2,
                Self.header() + Self.data(tsn: tsn, flags: Self.first, [UInt8(tsn)]),
                record: Int(tsn)
            )
        }
        // TSN 7 survived the shedding: its end completes it; TSN 1 did not.
        #expect(
            Self.payloads(reassembler2, Self.header() + Self.data(tsn: 8, flags: Self.last, [8]), record: 10) == [
                [7, 8]
            ]
        )
        #expect(Self.payloads(reassembler2, Self.header() + Self.data(tsn: 2, flags: Self.last, [2]), record: 11) == [])
    }

    @Test func byteLimitPerDirectionShedsTheOldest() {
        var limits = CaptureLimits()
        limits.maxStreamBufferPerDirection = 20
        let reassembler = SCTPReassembler(limits: limits)
        let ten = [UInt8](repeating: 1, count: 10)
        Self.ingest(reassembler, Self.header() + Self.data(tsn: 1, flags: Self.first, ten), record: 1)
        Self.ingest(reassembler, Self.header() + Self.data(tsn: 3, flags: Self.first, ten), record: 2)
        #expect(reassembler.bufferedByteCount == 20)
        Self.ingest(reassembler, Self.header() + Self.data(tsn: 5, flags: Self.first, ten), record: 3)
        #expect(reassembler.bufferedByteCount == 20)
        #expect(Self.payloads(reassembler, Self.header() + Self.data(tsn: 2, flags: Self.last, [2]), record: 4) == [])
        // A fragment larger than the whole allowance cannot be held at all.
        let reassembler2 = SCTPReassembler(limits: limits)
        let big = [UInt8](repeating: 1, count: 21)
        Self.ingest(reassembler2, Self.header() + Self.data(tsn: 1, flags: Self.first, big), record: 1)
        #expect(reassembler2.bufferedByteCount == 0)
    }

    @Test func flowLimitDropsTheLeastRecentlyActive() {
        var limits = CaptureLimits()
        limits.maxTrackedFlows = 2
        let reassembler = SCTPReassembler(limits: limits)
        let chunk = Self.header() + Self.data(tsn: 1, flags: Self.whole, [1])
        let hosts: [IPAddress] = [.v4(1), .v4(2), .v4(3)]
        for (index, host) in hosts.prefix(2).enumerated() {
            #expect(Self.ingest(reassembler, chunk, source: host, record: index + 1)?.count == 1)
        }
        // Host 1 is active again, so host 2 is the least recent when host 3 arrives.
        #expect(Self.ingest(reassembler, chunk, source: hosts[0], record: 3)?.count == 0)
        #expect(Self.ingest(reassembler, chunk, source: hosts[2], record: 4)?.count == 1)
        #expect(reassembler.trackedFlowCount == 2)
        // Host 1 still remembers TSN 1; host 2 was forgotten, so its retransmission looks new.
        #expect(Self.ingest(reassembler, chunk, source: hosts[0], record: 5)?.count == 0)
        #expect(Self.ingest(reassembler, chunk, source: hosts[1], record: 6)?.count == 1)
        #expect(reassembler.warnings.map(\.code) == [.limitReached])
    }

    @Test func totalByteLimitDropsOtherFlowsFirst() {
        var limits = CaptureLimits()
        limits.maxSCTPBufferedBytes = 20
        let reassembler = SCTPReassembler(limits: limits)
        let sixteen = [UInt8](repeating: 1, count: 16)
        Self.ingest(
            reassembler,
            Self.header() + Self.data(tsn: 1, flags: Self.first, sixteen),
            source: .v4(1),
            record: 1
        )
        Self.ingest(
            reassembler,
            Self.header() + Self.data(tsn: 1, flags: Self.first, [1, 2, 3, 4, 5, 6, 7, 8]),
            source: .v4(2),
            record: 2
        )
        #expect(reassembler.bufferedByteCount == 8)
        #expect(reassembler.trackedFlowCount == 1)
        #expect(
            Self.ingest(
                reassembler,
                Self.header() + Self.data(tsn: 2, flags: Self.last, [9]),
                source: .v4(2),
                record: 3
            )?
            .map(\.payload) == [[1, 2, 3, 4, 5, 6, 7, 8, 9]]
        )
    }

    // MARK: - TSN window

    @Test func tsnWindowRemembersRecentTSNs() {
        var window = SCTPTSNWindow()
        let steps: [(UInt32, Bool)] = [
            (5, true), (5, false), (6, true), (4, true), (4, false),
            (1029, true),  // window moves up by 1023
            (5, false),  // 1024 below the highest: too old
            (6, false),  // still remembered
            (7, true),  // its slot was cleared when the window moved
        ]
        for (index, (tsn, expected)) in steps.enumerated() {
            let inserted = window.insert(tsn)
            #expect(inserted == expected, "step \(index)")
        }
        var wrapping = SCTPTSNWindow()
        let wrapSteps: [(UInt32, Bool)] = [
            (0xffff_fffe, true),
            (1, true),  // 3 ahead, across the wrap
            (0xffff_ffff, true),
            (0xffff_fffe, false),
            (0, true),  // skipped over, never seen
            (0, false),
            (0x7000_0000, true),  // more than 1024 ahead: the window is cleared
            (1, false),  // now far too old
        ]
        for (index, (tsn, expected)) in wrapSteps.enumerated() {
            let inserted = wrapping.insert(tsn)
            #expect(inserted == expected, "wrap step \(index)")
        }
    }
}
