import Testing

@testable import SIPCapture

@Suite struct IPPacketTests {
    private func parse(_ bytes: [UInt8]) -> IPPacket.ParseResult {
        bytes.withUnsafeBytes { IPPacket.parse($0) }
    }

    @Test func ipv4OptionsAreSkipped() throws {
        let packet = TestFrames.ipv4(options: [1, 1, 1, 0], payload: TestFrames.udp(payload: TestFrames.invite))
        let messages = TestFrames.messages(
            TestFrames.decodeAll(TestFrames.pcap(linkType: 101, records: [(1, 0, packet)])).items
        )
        try #require(messages.count == 1)
        #expect(messages[0].payload == TestFrames.invite)
    }

    @Test func ipv6ExtensionHeadersAreFollowed() throws {
        // Hop-by-hop (8 bytes) -> Destination options (16 bytes) -> UDP.
        let hopByHop: [UInt8] = [60, 0, 1, 4, 0, 0, 0, 0]
        let destination: [UInt8] = [17, 1] + Array(repeating: 0, count: 14)
        let packet = TestFrames.ipv6(
            nextHeader: 0,
            payload: hopByHop + destination + TestFrames.udp(payload: TestFrames.invite)
        )
        let messages = TestFrames.messages(
            TestFrames.decodeAll(TestFrames.pcap(linkType: 229, records: [(1, 0, packet)])).items
        )
        try #require(messages.count == 1)
        #expect(messages[0].payload == TestFrames.invite)
    }

    @Test func ipv6AtomicFragmentIsAWholeDatagram() throws {
        let fragmentHeader: [UInt8] = [17, 0, 0, 0, 0, 0, 0, 42]
        let packet = TestFrames.ipv6(
            nextHeader: 44,
            payload: fragmentHeader + TestFrames.udp(payload: TestFrames.invite)
        )
        guard case .packet(let parsed) = parse(packet) else {
            Issue.record("not parsed")
            return
        }
        #expect(parsed.fragment == nil)
        #expect(parsed.protocolNumber == 17)
    }

    @Test func ipv6FragmentStopsTheChainWithItsKey() throws {
        // Offset 8 bytes (1 unit), M set, id 0x01020304.
        let fragmentHeader: [UInt8] = [60, 0, 0, 0x09, 1, 2, 3, 4]
        guard case .packet(let parsed) = parse(TestFrames.ipv6(nextHeader: 44, payload: fragmentHeader + [1, 2, 3]))
        else {
            Issue.record("not parsed")
            return
        }
        #expect(parsed.protocolNumber == 60)
        #expect(parsed.fragment?.offset == 8)
        #expect(parsed.fragment?.moreFragments == true)
        #expect(parsed.fragment?.identification == 0x0102_0304)
        #expect(parsed.payload.count == 3)
    }

    @Test func ipv4FragmentFieldsAreRead() {
        let packet = TestFrames.ipv4(identification: 77, flagsAndOffset: 0x2000 | 185, payload: [1, 2, 3, 4])
        guard case .packet(let parsed) = parse(packet) else {
            Issue.record("not parsed")
            return
        }
        #expect(parsed.fragment?.identification == 77)
        #expect(parsed.fragment?.offset == 1480)
        #expect(parsed.fragment?.moreFragments == true)
    }

    @Test func truncatedPayloadIsFlagged() {
        let packet = TestFrames.ipv4(payload: TestFrames.udp(payload: TestFrames.invite))
        guard case .packet(let parsed) = parse(Array(packet.dropLast(10))) else {
            Issue.record("not parsed")
            return
        }
        #expect(parsed.isTruncated)
        #expect(parsed.payload.count == packet.count - 20 - 10)
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var reason: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "empty", bytes: [], reason: "empty IP packet"),
        Bad(
            name: "version 5",
            bytes: [0x50] + Array(repeating: 0, count: 19),
            reason: "IP version 5 is neither 4 nor 6"
        ),
        Bad(name: "short IPv4", bytes: [0x45, 0, 0, 20], reason: "IPv4 header shorter than 20 bytes"),
        Bad(
            name: "IHL 4",
            bytes: [0x44] + Array(repeating: 0, count: 19),
            reason: "IPv4 header length 16 is below 20"
        ),
        Bad(
            name: "options past end",
            bytes: [0x4F, 0, 0, 60] + Array(repeating: 0, count: 20),
            reason: "IPv4 header (with options) cut short"
        ),
        Bad(
            name: "total length below header",
            bytes: [0x45, 0, 0, 10] + Array(repeating: 0, count: 16),
            reason: "IPv4 total length 10 is shorter than its header (20)"
        ),
        Bad(
            name: "short IPv6",
            bytes: [0x60] + Array(repeating: 0, count: 30),
            reason: "IPv6 header shorter than 40 bytes"
        ),
        Bad(
            name: "extension header past end",
            bytes: TestFrames.ipv6(nextHeader: 0, payload: [17, 10, 0, 0, 0, 0, 0, 0]),
            reason: "IPv6 extension header 0 runs past the packet"
        ),
        Bad(
            name: "endless extension headers",
            bytes: TestFrames.ipv6(nextHeader: 60, payload: Array([60, 0, 0, 0, 0, 0, 0, 0].repeated(20))),
            reason: "more than 16 IPv6 extension headers"
        ),
    ]

    @Test(arguments: bad)
    func malformedHeadersGiveTheExactReason(_ bad: Bad) {
        guard case .malformed(let reason) = parse(bad.bytes) else {
            Issue.record("accepted \(bad.name)")
            return
        }
        #expect(reason == bad.reason)
    }
}

extension Array {
    fileprivate func repeated(_ count: Int) -> [Element] {
        (0..<count).flatMap { _ in self }
    }
}
