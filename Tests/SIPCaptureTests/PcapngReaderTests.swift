import Testing

@testable import SIPCapture

@Suite struct PcapngReaderTests {
    @Test(arguments: [false, true])
    func decodesEnhancedPacketsInBothByteOrders(bigEndian: Bool) throws {
        let file =
            TestFrames.sectionHeader(bigEndian: bigEndian) + TestFrames.interface(linkType: 1, bigEndian: bigEndian)
            + TestFrames.enhancedPacket(
                interface: 0,
                timestamp: 1_700_000_000_123_456,
                data: TestFrames.sipFrame(),
                bigEndian: bigEndian
            )
        let (items, warnings, error) = TestFrames.decodeAll(file)
        #expect(error == nil)
        #expect(warnings.isEmpty)
        let messages = TestFrames.messages(items)
        try #require(messages.count == 1)
        #expect(messages[0].time == CaptureTime(seconds: 1_700_000_000, nanoseconds: 123_456_000))
        #expect(messages[0].payload == TestFrames.invite)
    }

    @Test func interfacesHaveTheirOwnLinkTypeResolutionAndOffset() throws {
        // Interface 0: Ethernet, nanoseconds (if_tsresol 9). Interface 1: raw IP, 2^-10 s units, +100 s offset.
        let rawPacket = TestFrames.ipv4(payload: TestFrames.udp(payload: TestFrames.invite))
        let offset = TestFrames.le32(100) + TestFrames.le32(0)
        let file =
            TestFrames.sectionHeader()
            + TestFrames.interface(linkType: 1, options: TestFrames.option(code: 9, value: [9]))
            + TestFrames.interface(
                linkType: 101,
                options: TestFrames.option(code: 9, value: [0x8A]) + TestFrames.option(code: 14, value: offset)
            )
            + TestFrames.block(type: 0x0000_0BAD, body: [1, 2, 3, 4])  // custom block, skipped
            + TestFrames.enhancedPacket(interface: 0, timestamp: 1_500_000_000_987_654_321, data: TestFrames.sipFrame())
            + TestFrames.enhancedPacket(interface: 1, timestamp: 3 * 1024 + 512, data: rawPacket)
        let (items, warnings, error) = TestFrames.decodeAll(file)
        #expect(error == nil)
        #expect(warnings.isEmpty)
        let messages = TestFrames.messages(items)
        try #require(messages.count == 2)
        #expect(messages[0].time.nanoseconds == 1_500_000_000_987_654_321)
        #expect(messages[1].time.nanoseconds == 103_500_000_000)
        #expect(messages.map(\.recordNumbers) == [[1], [2]])
    }

    @Test func simpleAndObsoletePacketBlocks() throws {
        let frame = TestFrames.sipFrame()
        let simple = TestFrames.block(type: 3, body: TestFrames.le32(UInt32(frame.count)) + TestFrames.padded(frame))
        let obsolete = TestFrames.block(
            type: 2,
            body: TestFrames.le16(0) + TestFrames.le16(0) + TestFrames.le32(0) + TestFrames.le32(2_000_000)
                + TestFrames.le32(UInt32(frame.count)) + TestFrames.le32(UInt32(frame.count)) + TestFrames.padded(frame)
        )
        let file = TestFrames.sectionHeader() + TestFrames.interface(linkType: 1) + obsolete + simple
        let messages = TestFrames.messages(TestFrames.decodeAll(file).items)
        try #require(messages.count == 2)
        #expect(messages[0].time.nanoseconds == 2_000_000_000)
        // A Simple Packet Block has no timestamp: it takes the previous packet's time.
        #expect(messages[1].time.nanoseconds == 2_000_000_000)
    }

    @Test func aSecondSectionResetsInterfacesAndMayChangeByteOrder() throws {
        let file =
            TestFrames.sectionHeader() + TestFrames.interface(linkType: 1)
            + TestFrames.enhancedPacket(interface: 0, timestamp: 1, data: TestFrames.sipFrame())
            + TestFrames.sectionHeader(bigEndian: true) + TestFrames.interface(linkType: 101, bigEndian: true)
            + TestFrames.enhancedPacket(
                interface: 0,
                timestamp: 2,
                data: TestFrames.ipv4(payload: TestFrames.udp(payload: TestFrames.invite)),
                bigEndian: true
            )
        let (items, warnings, error) = TestFrames.decodeAll(file)
        #expect(error == nil)
        #expect(warnings.isEmpty)
        #expect(TestFrames.messages(items).map(\.time.nanoseconds) == [1000, 2000])
    }

    @Test func packetOnUndefinedInterfaceIsSkippedWithOneWarning() {
        let file =
            TestFrames.sectionHeader() + TestFrames.interface(linkType: 1)
            + TestFrames.enhancedPacket(interface: 3, timestamp: 1, data: TestFrames.sipFrame())
            + TestFrames.enhancedPacket(interface: 3, timestamp: 1, data: TestFrames.sipFrame())
            + TestFrames.enhancedPacket(interface: 0, timestamp: 1, data: TestFrames.sipFrame())
        let (items, warnings, error) = TestFrames.decodeAll(file)
        #expect(error == nil)
        #expect(TestFrames.messages(items).map(\.recordNumbers) == [[3]])
        #expect(warnings.map(\.code) == [.skippedBlock])
        #expect(warnings.first?.recordNumber == 1)
    }

    @Test func everyPrefixNeverTrapsAndKeepsCompletePackets() {
        let packet = TestFrames.enhancedPacket(interface: 0, timestamp: 1, data: TestFrames.sipFrame())
        let head = TestFrames.sectionHeader() + TestFrames.interface(linkType: 1)
        let file = head + packet + packet
        for length in 0..<file.count {
            let (items, warnings, error) = TestFrames.decodeAll(Array(file[..<length]))
            if length < TestFrames.sectionHeader().count {
                #expect(error != nil, "prefix \(length)")
                continue
            }
            #expect(error == nil, "prefix \(length)")
            let complete = length >= head.count + 2 * packet.count ? 2 : length >= head.count + packet.count ? 1 : 0
            #expect(TestFrames.messages(items).count == complete, "prefix \(length)")
            let atBoundary = [TestFrames.sectionHeader().count, head.count, head.count + packet.count].contains(length)
            #expect(warnings.filter { $0.code == .truncatedFile }.count == (atBoundary ? 0 : 1), "prefix \(length)")
        }
    }

    @Test func trailingLengthMismatchIsAnErrorAtItsOffset() {
        var file = TestFrames.sectionHeader() + TestFrames.interface(linkType: 1)
        let packetOffset = file.count
        var packet = TestFrames.enhancedPacket(interface: 0, timestamp: 1, data: TestFrames.sipFrame())
        packet[packet.count - 4] ^= 0x04
        file += packet
        let error = TestFrames.decodeAll(file).error
        #expect(error?.code == .invalidBlock)
        #expect(error?.byteOffset == Int64(packetOffset + packet.count - 4))
        #expect(error?.recordNumber == 1)
    }

    @Test func impossibleBlockLengthIsAnError() {
        var file = TestFrames.sectionHeader() + TestFrames.interface(linkType: 1)
        file += TestFrames.le32(6) + TestFrames.le32(13) + Array(repeating: 0, count: 20)
        let error = TestFrames.decodeAll(file).error
        #expect(error?.code == .invalidRecordLength)
        #expect(error?.reason.contains("impossible length 13") == true)
    }

    @Test func badByteOrderMagicIsAnError() {
        var file = TestFrames.sectionHeader()
        file[8] = 0x99
        #expect(TestFrames.decodeAll(file).error?.code == .invalidBlock)
    }

    @Test func powerOfTwoResolutionConvertsExactly() {
        var interface = PcapngReader.Interface(linkType: .ethernet, snapLength: 0)
        interface.isPowerOfTwo = true
        interface.resolutionExponent = 30
        #expect(PcapngReader.time(units: 3 << 30, interface: interface).nanoseconds == 3_000_000_000)
        interface.isPowerOfTwo = false
        interface.resolutionExponent = 12
        #expect(PcapngReader.time(units: 5_000_000_000_000, interface: interface).nanoseconds == 5_000_000_000)
        interface.resolutionExponent = 0
        #expect(PcapngReader.time(units: UInt64.max, interface: interface).nanoseconds == Int64.max)
    }
}
