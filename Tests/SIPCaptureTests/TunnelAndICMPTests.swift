import Testing

@testable import SIPCapture

@Suite struct TunnelAndICMPTests {
    static let innerPacket = TestFrames.ipv4(
        source: [192, 0, 2, 1],
        destination: [192, 0, 2, 2],
        payload: TestFrames.udp(payload: TestFrames.invite)
    )

    private func onlyMessage(linkType: UInt32 = 1, _ frame: [UInt8]) throws -> CapturedMessage {
        let (items, warnings, error) = TestFrames.decodeAll(
            TestFrames.pcap(linkType: linkType, records: [(1, 0, frame)])
        )
        #expect(error == nil)
        #expect(warnings.isEmpty)
        let messages = TestFrames.messages(items)
        try #require(messages.count == 1)
        return messages[0]
    }

    @Test func ipInIPUsesTheInnerAddresses() throws {
        let outer = TestFrames.ipv4(protocolNumber: 4, payload: Self.innerPacket)
        let message = try onlyMessage(TestFrames.ethernet(payload: outer))
        #expect(message.source.description == "192.0.2.1:5060")
        #expect(message.notes == [.tunnelled])
    }

    @Test func ipv6InIPv4() throws {
        let inner = TestFrames.ipv6(payload: TestFrames.udp(payload: TestFrames.invite))
        let message = try onlyMessage(TestFrames.ethernet(payload: TestFrames.ipv4(protocolNumber: 41, payload: inner)))
        #expect(message.source.description == "[2001:db8::1]:5060")
    }

    @Test func greWithKeyAndSequence() throws {
        let gre: [UInt8] = [0x30, 0x00, 0x08, 0x00, 0, 0, 0, 7, 0, 0, 0, 1]
        let outer = TestFrames.ipv4(protocolNumber: 47, payload: gre + Self.innerPacket)
        #expect(try onlyMessage(TestFrames.ethernet(payload: outer)).source.description == "192.0.2.1:5060")
    }

    @Test func erspanTypeIICarriesEthernet() throws {
        let gre: [UInt8] = [0x10, 0x00, 0x88, 0xBE, 0, 0, 0, 1]
        let erspan: [UInt8] = [0x10, 0x01, 0x00, 0x05, 0, 0, 0, 0]
        let outer = TestFrames.ipv4(
            protocolNumber: 47,
            payload: gre + erspan + TestFrames.ethernet(payload: Self.innerPacket)
        )
        #expect(try onlyMessage(TestFrames.ethernet(payload: outer)).destination.description == "192.0.2.2:5060")
    }

    @Test func enhancedGRECarryingCompressedPPP() throws {
        // Version 1, K and S set, protocol PPP; key = payload length + call id; then PPP with
        // address/control and the one-byte (compressed) protocol 0x21.
        let gre: [UInt8] = [0x30, 0x01, 0x88, 0x0B, 0, 0, 0, 9, 0, 0, 0, 1]
        let ppp: [UInt8] = [0xFF, 0x03, 0x21]
        let outer = TestFrames.ipv4(protocolNumber: 47, payload: gre + ppp + Self.innerPacket)
        #expect(try onlyMessage(TestFrames.ethernet(payload: outer)).source.description == "192.0.2.1:5060")
    }

    @Test func pppoeSession() throws {
        let pppoe: [UInt8] = [0x11, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x21]
        let frame = TestFrames.ethernet(etherType: 0x8864, payload: pppoe + Self.innerPacket)
        #expect(try onlyMessage(frame).source.description == "192.0.2.1:5060")
    }

    @Test func tunnelNestingIsBounded() {
        var packet = Self.innerPacket
        for _ in 0..<20 { packet = TestFrames.ipv4(protocolNumber: 4, payload: packet) }
        let (items, warnings, error) = TestFrames.decodeAll(TestFrames.pcap(linkType: 101, records: [(1, 0, packet)]))
        #expect(error == nil)
        #expect(items.isEmpty)
        #expect(warnings.map(\.message) == ["more than 8 layers of tunnelling"])
    }

    @Test func icmpPortUnreachableBecomesAnEventNotAMessage() throws {
        let quoted = Array(Self.innerPacket.prefix(28))
        let icmp: [UInt8] = [3, 3, 0, 0, 0, 0, 0, 0] + quoted
        let packet = TestFrames.ipv4(
            source: [192, 0, 2, 2],
            destination: [192, 0, 2, 1],
            protocolNumber: 1,
            payload: icmp
        )
        let (items, _, _) = TestFrames.decodeAll(
            TestFrames.pcap(records: [(5, 0, TestFrames.ethernet(payload: packet))])
        )
        try #require(items.count == 1)
        guard case .event(.icmpUnreachable(let error)) = items[0] else {
            Issue.record("expected an ICMP event, got \(items[0])")
            return
        }
        #expect(error.reason == "port unreachable")
        #expect(error.reporter.description == "192.0.2.2")
        #expect(error.quotedSource.description == "192.0.2.1:5060")
        #expect(error.quotedDestination.description == "192.0.2.2:5060")
        #expect(error.quotedProtocol == 17)
        #expect(error.time.nanoseconds == 5_000_000_000)
        #expect(error.recordNumber == 1)
    }

    @Test func icmpv6PortUnreachable() throws {
        let quoted = TestFrames.ipv6(payload: TestFrames.udp(sourcePort: 5062, payload: TestFrames.invite))
        let icmp: [UInt8] = [1, 4, 0, 0, 0, 0, 0, 0] + quoted.prefix(48)
        let packet = TestFrames.ipv6(nextHeader: 58, payload: icmp)
        let items = TestFrames.decodeAll(TestFrames.pcap(linkType: 229, records: [(1, 0, packet)])).items
        guard case .event(.icmpUnreachable(let error)) = items.first else {
            Issue.record("expected an ICMPv6 event")
            return
        }
        #expect(error.reason == "port unreachable")
        #expect(error.quotedSource.description == "[2001:db8::1]:5062")
    }

    @Test func icmpEchoIsNotAnEvent() throws {
        let packet = TestFrames.ipv4(protocolNumber: 1, payload: [8, 0, 0, 0, 0, 1, 0, 1])
        let reader = try CaptureReader(bytes: TestFrames.pcap(linkType: 101, records: [(1, 0, packet)]))
        #expect(try reader.next() == nil)
        #expect(reader.statistics.packetsWithoutSIP == 1)
    }
}
