import Testing

@testable import SIPCapture

@Suite struct SIPStreamFramerTests {
    static let client = TCPHarness.client
    static let server = TCPHarness.server
    /// Client data starts at 1001 and server data at 5001 after ``handshake(_:)``.
    static let clientData: UInt32 = 1001
    static let serverData: UInt32 = 5001

    /// SYN, SYN-ACK, ACK as records 1 to 3.
    static func handshake(_ harness: inout TCPHarness) {
        harness.send(seq: 1000, flags: .syn)
        harness.send(from: server, to: client, seq: 5000, ack: 1001, flags: .syn)
        harness.send(seq: 1001, ack: 5001)
    }

    static func headerLength(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        for index in 0..<(bytes.count - 3) where bytes[index..<(index + 4)] == [13, 10, 13, 10] {
            return index + 4
        }
        return bytes.count
    }

    @Test func severalMessagesInOneSegment() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: Self.clientData, ack: Self.serverData, SampleSIP.invite + SampleSIP.ack + SampleSIP.bye)
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.invite, records: [4]),
                TCPHarness.message(SampleSIP.ack, records: [4]),
                TCPHarness.message(SampleSIP.bye, records: [4]),
            ]
        )
    }

    @Test func oneMessageAcrossSegments() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        let bytes = Array(SampleSIP.invite.utf8)
        harness.send(seq: Self.clientData, Array(bytes[0..<10]))
        harness.send(seq: Self.clientData + 10, Array(bytes[10..<200]))
        harness.send(seq: Self.clientData + 200, Array(bytes[200...]))
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.invite, records: [4, 5, 6], notes: [.reassembledFromSegments(3)])
            ]
        )
    }

    /// The body arrives alone in the last segment: the message completes there.
    @Test func bodyInItsOwnSegment() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        let bytes = Array(SampleSIP.invite.utf8)
        let header = Self.headerLength(SampleSIP.invite)
        harness.send(seq: Self.clientData, Array(bytes[0..<header]))
        #expect(harness.outputs.isEmpty)
        harness.send(seq: Self.clientData + UInt32(header), Array(bytes[header...]))
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.invite, records: [4, 5], notes: [.reassembledFromSegments(2)])
            ]
        )
    }

    /// RFC 5626 section 4.4.1: the client's CRLFCRLF ping and the server's CRLF pong are not messages.
    @Test func keepAlivesAreSkipped() {
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: Self.clientData, "\r\n\r\n")
        harness.send(from: Self.server, to: Self.client, seq: Self.serverData, "\r\n")
        harness.send(seq: Self.clientData + 4, "\r\n\r\n" + SampleSIP.ack + "\r\n\r\n")
        harness.send(from: Self.server, to: Self.client, seq: Self.serverData + 2, "\r\n" + SampleSIP.trying)
        #expect(
            harness.finish() == [
                TCPHarness.message(SampleSIP.ack, records: [6]),
                TCPHarness.message(SampleSIP.trying, from: Self.server, to: Self.client, records: [7]),
            ]
        )
    }

    @Test func leadingWhitespaceAndBareLineFeeds() {
        let lf = "MESSAGE sip:bob@example.com SIP/2.0\nCall-ID: x\nl: 3\n\nabc"
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: Self.clientData, " \t\r\n" + lf + "\n" + SampleSIP.bye)
        #expect(
            harness.finish() == [
                TCPHarness.message(lf, records: [4]),
                TCPHarness.message(SampleSIP.bye, records: [4]),
            ]
        )
    }

    @Test func missingContentLengthIsTakenAsZero() {
        let options = "OPTIONS sip:bob@example.com SIP/2.0\r\nCall-ID: x\r\n\r\n"
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: Self.clientData, options + SampleSIP.ack)
        #expect(
            harness.finish() == [
                TCPHarness.message(options, records: [4], notes: [.framedWithoutContentLength]),
                TCPHarness.message(SampleSIP.ack, records: [4]),
            ]
        )
    }

    /// At the end of the capture, a message whose body is short is handed out with what it has.
    @Test func incompleteBodyAtFinish() {
        let bytes = Array(SampleSIP.invite.utf8)
        let cut = bytes.count - 8
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: Self.clientData, Array(bytes[0..<cut]))
        #expect(harness.outputs.isEmpty)
        #expect(
            harness.finish() == [
                TCPHarness.message(
                    String(decoding: bytes[0..<cut], as: UTF8.self),
                    records: [4],
                    notes: [.incompleteBody(expected: 13, received: 5)]
                )
            ]
        )
    }

    /// A FIN ends the direction: the short message is handed out at once.
    @Test func finFlushesIncompleteBody() {
        let bytes = Array(SampleSIP.invite.utf8)
        let cut = bytes.count - 3
        var harness = TCPHarness()
        Self.handshake(&harness)
        harness.send(seq: Self.clientData, flags: .fin, Array(bytes[0..<cut]))
        #expect(
            harness.outputs == [
                TCPHarness.message(
                    String(decoding: bytes[0..<cut], as: UTF8.self),
                    records: [4],
                    notes: [.incompleteBody(expected: 13, received: 10)]
                )
            ]
        )
        // Data after the FIN is not part of the stream.
        harness.send(seq: Self.clientData + UInt32(cut) + 1, SampleSIP.ack)
        #expect(harness.finish().count == 1)
    }

    // MARK: - Hostile input

    struct HostileCase: CustomStringConvertible, Sendable {
        var name: String
        var stream: [UInt8]
        /// Expected messages: text and notes; all come from record 4.
        var expected: [(String, [CaptureNote])]
        var description: String { name }
    }

    /// Limits small enough to reach: 300-byte messages.
    static let smallLimits: CaptureLimits = {
        var limits = CaptureLimits()
        limits.maxSIPMessageLength = 300
        return limits
    }()

    static let hostileCases: [HostileCase] = {
        let hugeLength = "INVITE sip:a@b SIP/2.0\r\nContent-Length: 99999999999999999999999999\r\n\r\n"
        let overLimit = "INVITE sip:a@b SIP/2.0\r\nContent-Length: 290\r\n\r\n"
        let negative = "INVITE sip:a@b SIP/2.0\r\nContent-Length: -5\r\n\r\n"
        let garbage = "INVITE sip:a@b SIP/2.0\r\nContent-Length: 12abc\r\n\r\n"
        let empty = "INVITE sip:a@b SIP/2.0\r\nContent-Length:\r\n\r\n"
        let twoLengths = "INVITE sip:a@b SIP/2.0\r\nl: 2\r\nContent-Length: 0\r\n\r\nhi"
        let endless = "INVITE sip:a@b SIP/2.0\r\n" + String(repeating: "X-Pad: aaaaaaaaaaaaaaaaaaaa\r\n", count: 12)
        let binary: [UInt8] = [0x00, 0xFF, 0x53, 0x49, 0x50, 0x2F, 0x32, 0x2E, 0x30, 0x20, 0x39, 0x0A]
        let ack = SampleSIP.ack
        return [
            HostileCase(
                name: "Content-Length too large to parse",
                stream: Array((hugeLength + ack).utf8),
                expected: [(ack, [.resynchronised(skippedBytes: hugeLength.utf8.count)])]
            ),
            HostileCase(
                name: "Content-Length above the message limit",
                stream: Array((overLimit + ack).utf8),
                expected: [(ack, [.resynchronised(skippedBytes: overLimit.utf8.count)])]
            ),
            HostileCase(
                name: "negative Content-Length",
                stream: Array((negative + ack).utf8),
                expected: [(negative, [.framedWithoutContentLength]), (ack, [])]
            ),
            HostileCase(
                name: "garbage Content-Length",
                stream: Array((garbage + ack).utf8),
                expected: [(garbage, [.framedWithoutContentLength]), (ack, [])]
            ),
            HostileCase(
                name: "empty Content-Length",
                stream: Array((empty + ack).utf8),
                expected: [(empty, [.framedWithoutContentLength]), (ack, [])]
            ),
            HostileCase(
                name: "the first of two Content-Lengths decides",
                stream: Array((twoLengths + ack).utf8),
                expected: [(twoLengths, []), (ack, [])]
            ),
            HostileCase(
                name: "endless header section",
                stream: Array((endless + "\r\n" + ack).utf8),
                expected: [(ack, [.resynchronised(skippedBytes: endless.utf8.count + 2)])]
            ),
            HostileCase(
                name: "binary garbage that almost looks like a status line, between messages",
                stream: Array(ack.utf8) + binary + Array(ack.utf8),
                expected: [(ack, []), (ack, [.resynchronised(skippedBytes: binary.count)])]
            ),
            HostileCase(
                // A connection seen from its SYN that does not start like SIP is not SIP.
                name: "a connection starting with garbage",
                stream: binary + Array(ack.utf8),
                expected: []
            ),
        ]
    }()

    /// Each hostile stream gives exactly the expected messages, whole and split into
    /// one-byte segments.
    @Test(arguments: hostileCases)
    func hostileInput(testCase: HostileCase) {
        for segmentSize in [testCase.stream.count, 1] {
            var harness = TCPHarness(limits: Self.smallLimits)
            Self.handshake(&harness)
            var offset = 0
            while offset < testCase.stream.count {
                let end = min(offset + segmentSize, testCase.stream.count)
                harness.send(seq: Self.clientData + UInt32(offset), Array(testCase.stream[offset..<end]))
                offset = end
            }
            let messages = harness.finish().compactMap { output -> (String, [CaptureNote])? in
                guard case .message(let message) = output else { return nil }
                let notes = message.notes.filter {
                    if case .reassembledFromSegments = $0 { return false }
                    return true
                }
                return (String(decoding: message.payload, as: UTF8.self), notes)
            }
            #expect(messages.map(\.0) == testCase.expected.map(\.0), "segments of \(segmentSize)")
            #expect(messages.map(\.1) == testCase.expected.map(\.1), "segments of \(segmentSize)")
        }
    }

    // MARK: - Splitting and truncation

    static let clientStream = [SampleSIP.invite, SampleSIP.ack, SampleSIP.bye]
    static let serverStream = [SampleSIP.trying, SampleSIP.ok]

    /// Sends both directions cut at the given lengths, interleaving client and server segments.
    static func run(clientCuts: [Int], serverCuts: [Int], limits: CaptureLimits = .default) -> [StreamOutput] {
        var harness = TCPHarness(limits: limits)
        handshake(&harness)
        let clientBytes = Array(clientStream.joined().utf8)
        let serverBytes = Array(serverStream.joined().utf8)
        var clientOffset = 0
        var serverOffset = 0
        var clientIndex = 0
        var serverIndex = 0
        while clientIndex < clientCuts.count || serverIndex < serverCuts.count {
            if clientIndex < clientCuts.count {
                let end = clientCuts[clientIndex]
                harness.send(seq: clientData + UInt32(clientOffset), Array(clientBytes[clientOffset..<end]))
                clientOffset = end
                clientIndex += 1
            }
            if serverIndex < serverCuts.count {
                let end = serverCuts[serverIndex]
                harness.send(
                    from: server,
                    to: client,
                    seq: serverData + UInt32(serverOffset),
                    Array(serverBytes[serverOffset..<end])
                )
                serverOffset = end
                serverIndex += 1
            }
        }
        return harness.finish()
    }

    static func randomCuts(length: Int, using generator: inout SeededGenerator) -> [Int] {
        var cuts: [Int] = []
        var offset = 0
        while offset < length {
            offset = min(length, offset + Int.random(in: 1...97, using: &generator))
            cuts.append(offset)
        }
        return cuts
    }

    /// Splitting the streams anywhere gives the same messages, from the same senders, as
    /// sending each stream in one segment.
    @Test func randomSplittingGivesTheSameMessages() {
        let clientLength = Self.clientStream.joined().utf8.count
        let serverLength = Self.serverStream.joined().utf8.count
        let whole = Self.run(clientCuts: [clientLength], serverCuts: [serverLength])
        let expected = Self.summaries(whole)
        #expect(expected.count == 5)
        for seed in UInt64(1)...200 {
            var generator = SeededGenerator(seed: seed)
            let outputs = Self.run(
                clientCuts: Self.randomCuts(length: clientLength, using: &generator),
                serverCuts: Self.randomCuts(length: serverLength, using: &generator)
            )
            #expect(Self.bySender(Self.summaries(outputs)) == Self.bySender(expected), "seed \(seed)")
        }
    }

    /// Summaries grouped by sender, each sender's in stream order: how the two directions
    /// interleave depends on segmentation.
    static func bySender(_ summaries: [String]) -> [String] {
        summaries.filter { $0.hasPrefix("\(client)") } + summaries.filter { $0.hasPrefix("\(server)") }
    }

    /// Messages with their endpoints and the notes that do not depend on segmentation.
    static func summaries(_ outputs: [StreamOutput]) -> [String] {
        outputs.compactMap { output in
            guard case .message(let message) = output else { return "\(output)" }
            let notes = message.notes.filter {
                if case .reassembledFromSegments = $0 { return false }
                return true
            }
            return "\(message.source)>\(message.destination) \(message.transport) \(notes) "
                + String(decoding: message.payload, as: UTF8.self)
        }
    }

    /// What a client stream cut after `length` bytes must give at finish: the messages that
    /// are whole, then the next one when its header section is complete (short body noted).
    static func expectedTruncation(
        _ messages: [String],
        length: Int,
        from source: Endpoint = client,
        to destination: Endpoint = server
    ) -> [StreamOutput] {
        var outputs: [StreamOutput] = []
        var start = 0
        var records: [Int] = []
        for message in messages {
            let count = message.utf8.count
            if start + count <= length {
                outputs.append(TCPHarness.message(message, from: source, to: destination, records: [4]))
            } else {
                let header = headerLength(message)
                if start + header <= length, length > start {
                    let received = Array(message.utf8)[0..<(length - start)]
                    records = [4]
                    outputs.append(
                        TCPHarness.message(
                            String(decoding: received, as: UTF8.self),
                            from: source,
                            to: destination,
                            records: records,
                            notes: [.incompleteBody(expected: count - header, received: length - start - header)]
                        )
                    )
                }
                break
            }
            start += count
        }
        return outputs
    }

    /// Every prefix of the client stream, in one segment, gives exactly the whole messages
    /// it holds and the incomplete one its end cuts.
    @Test func everyPrefixOfTheStream() {
        let bytes = Array(Self.clientStream.joined().utf8)
        for length in 0...bytes.count {
            var harness = TCPHarness()
            Self.handshake(&harness)
            harness.send(seq: Self.clientData, Array(bytes[0..<length]))
            #expect(harness.finish() == Self.expectedTruncation(Self.clientStream, length: length), "length \(length)")
        }
    }

    /// Every prefix of a conversation sent as many small segments in both directions gives,
    /// per direction, exactly the whole messages sent so far and the one the cut leaves
    /// without its full body.
    @Test func everyPrefixOfTheConversation() {
        let clientBytes = Array(Self.clientStream.joined().utf8)
        let serverBytes = Array(Self.serverStream.joined().utf8)
        let clientCuts = Array(stride(from: 23, to: clientBytes.count, by: 23)) + [clientBytes.count]
        let serverCuts = Array(stride(from: 31, to: serverBytes.count, by: 31)) + [serverBytes.count]
        #expect(Self.summaries(Self.run(clientCuts: clientCuts, serverCuts: serverCuts)).count == 5)
        for clientPrefix in 0...clientCuts.count {
            for serverPrefix in 0...serverCuts.count {
                let outputs = Self.run(
                    clientCuts: Array(clientCuts[0..<clientPrefix]),
                    serverCuts: Array(serverCuts[0..<serverPrefix])
                )
                let clientEnd = clientPrefix == 0 ? 0 : clientCuts[clientPrefix - 1]
                let serverEnd = serverPrefix == 0 ? 0 : serverCuts[serverPrefix - 1]
                let expectedClient = Self.expectedTruncation(Self.clientStream, length: clientEnd)
                let expectedServer = Self.expectedTruncation(
                    Self.serverStream,
                    length: serverEnd,
                    from: Self.server,
                    to: Self.client
                )
                for (sender, expected) in [(Self.client, expectedClient), (Self.server, expectedServer)] {
                    let sent = outputs.filter {
                        guard case .message(let message) = $0 else { return true }
                        return message.source == sender
                    }
                    #expect(
                        Self.summaries(sent) == Self.summaries(expected),
                        "client prefix \(clientPrefix), server prefix \(serverPrefix)"
                    )
                }
            }
        }
    }

    // MARK: - Framer unit

    /// The framer alone: every header line ending split is handled once.
    @Test func framerStepsThroughStream() {
        var framer = SIPStreamFramer()
        let bytes = Array((SampleSIP.ok + "\r\n" + SampleSIP.ack).utf8)
        var steps: [SIPStreamFramer.Step] = []
        var offset = 0
        while offset < bytes.count {
            let step = Array(bytes[offset...]).withUnsafeBytes { framer.step($0, maximumLength: 1000) }
            steps.append(step)
            switch step {
            case .message(let length, _): offset += length
            case .whitespace(let count): offset += count
            default: offset = bytes.count
            }
        }
        #expect(
            steps == [
                .message(length: SampleSIP.ok.utf8.count, hasContentLength: true),
                .whitespace(2),
                .message(length: SampleSIP.ack.utf8.count, hasContentLength: true),
            ]
        )
    }
}
