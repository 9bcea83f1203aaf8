import Testing

@testable import SIPCapture

@Suite struct LinkLayerDecoderTests {
    static let ipPacket = TestFrames.ipv4(payload: TestFrames.udp(payload: TestFrames.invite))

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var linkType: UInt32
        var frame: [UInt8]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "Ethernet", linkType: 1, frame: TestFrames.ethernet(payload: ipPacket)),
        Case(name: "802.1Q", linkType: 1, frame: TestFrames.ethernet(vlanTags: [0x8100], payload: ipPacket)),
        Case(
            name: "802.1ad QinQ",
            linkType: 1,
            frame: TestFrames.ethernet(vlanTags: [0x88A8, 0x8100], payload: ipPacket)
        ),
        Case(
            name: "Linux SLL",
            linkType: 113,
            frame: [0, 0, 0, 1, 0, 6] + Array(repeating: 0, count: 8) + [0x08, 0x00] + ipPacket
        ),
        Case(
            name: "Linux SLL2",
            linkType: 276,
            frame: [0x08, 0x00, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6] + Array(repeating: 0, count: 8) + ipPacket
        ),
        Case(name: "raw 101", linkType: 101, frame: ipPacket),
        Case(name: "raw 12", linkType: 12, frame: ipPacket),
        Case(name: "raw 14", linkType: 14, frame: ipPacket),
        Case(name: "IPV4 228", linkType: 228, frame: ipPacket),
        Case(name: "NULL little-endian", linkType: 0, frame: [2, 0, 0, 0] + ipPacket),
        Case(name: "NULL big-endian", linkType: 0, frame: [0, 0, 0, 2] + ipPacket),
        Case(name: "LOOP", linkType: 108, frame: [0, 0, 0, 2] + ipPacket),
    ]

    @Test(arguments: cases)
    func findsTheSIPMessage(_ testCase: Case) throws {
        let file = TestFrames.pcap(linkType: testCase.linkType, records: [(1, 0, testCase.frame)])
        let (items, warnings, error) = TestFrames.decodeAll(file)
        #expect(error == nil)
        #expect(warnings.isEmpty)
        let messages = TestFrames.messages(items)
        try #require(messages.count == 1)
        #expect(messages[0].payload == TestFrames.invite)
        #expect(messages[0].source.description == "10.0.0.1:5060")
    }

    @Test(arguments: [24, 28, 30] as [UInt8])
    func bsdLoopbackIPv6Families(family: UInt8) throws {
        let packet = TestFrames.ipv6(payload: TestFrames.udp(payload: TestFrames.invite))
        let file = TestFrames.pcap(linkType: 0, records: [(1, 0, [family, 0, 0, 0] + packet)])
        let messages = TestFrames.messages(TestFrames.decodeAll(file).items)
        try #require(messages.count == 1)
        #expect(messages[0].source.description == "[2001:db8::1]:5060")
        #expect(messages[0].destination.description == "[2001:db8::2]:5060")
    }

    @Test func ipv6LinkType229() throws {
        let packet = TestFrames.ipv6(payload: TestFrames.udp(payload: TestFrames.invite))
        let messages = TestFrames.messages(
            TestFrames.decodeAll(TestFrames.pcap(linkType: 229, records: [(1, 0, packet)])).items
        )
        #expect(messages.count == 1)
    }

    @Test func unsupportedLinkTypeIsReportedOnceByNumberAndName() {
        let file = TestFrames.pcap(linkType: 105, records: [(1, 0, [1, 2, 3]), (2, 0, [4, 5, 6]), (3, 0, [7])])
        let (items, warnings, error) = TestFrames.decodeAll(file)
        #expect(error == nil)
        #expect(items.isEmpty)
        #expect(warnings.count == 1)
        #expect(warnings.first?.code == .unsupportedLinkType)
        #expect(warnings.first?.message == "link type 105 (IEEE802_11 (Wi-Fi)) is not decoded; its records are skipped")
        #expect(warnings.first?.recordNumber == 1)
    }

    @Test func nonIPFramesAreCountedNotWarned() throws {
        let arp = TestFrames.ethernet(etherType: 0x0806, payload: Array(repeating: 0, count: 28))
        let reader = try CaptureReader(bytes: TestFrames.pcap(records: [(1, 0, arp)]))
        #expect(try reader.next() == nil)
        #expect(reader.statistics.nonIPFrames == 1)
        #expect(reader.warnings.isEmpty)
    }

    @Test func everyPrefixOfAFrameIsHandled() throws {
        let frame = TestFrames.ethernet(vlanTags: [0x8100], payload: Self.ipPacket)
        for length in 0..<frame.count {
            let file = TestFrames.pcap(records: [(1, 0, Array(frame[..<length]))])
            let reader = try CaptureReader(bytes: file)
            var messages = 0
            while let item = try reader.next() {
                if case .message = item { messages += 1 }
            }
            // A frame cut inside the SIP payload still holds a (short) message once its start line is whole.
            let startLineEnd =
                frame.count - TestFrames.invite.count + "INVITE sip:bob@example.com SIP/2.0\r\n".utf8.count
            #expect(messages == (length >= startLineEnd ? 1 : 0), "prefix \(length)")
            let statistics = reader.statistics
            #expect(
                statistics.malformedPackets + statistics.packetsWithoutSIP + statistics.sipMessages == 1,
                "prefix \(length)"
            )
        }
    }
}
