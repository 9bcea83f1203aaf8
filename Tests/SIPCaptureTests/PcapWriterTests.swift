import Foundation
import Testing

@testable import SIPCapture

@Suite("PcapWriter")
struct PcapWriterTests {
    // MARK: - Helpers

    /// Writes `messages` with a fresh writer; returns the records (file header excluded).
    static func write(
        _ messages: [CapturedMessage],
        options: PcapWriter.Options = .init()
    ) -> (records: [PcapTestRecord], counts: [Int]) {
        var writer = PcapWriter(options: options)
        var output: [UInt8] = []
        var counts: [Int] = []
        for message in messages {
            counts.append(writer.append(message, to: &output))
        }
        return (pcapRecords(output), counts)
    }

    static func message(
        _ transport: SIPTransport,
        _ source: Endpoint,
        _ destination: Endpoint,
        size: Int,
        nanoseconds: Int64 = 0
    ) -> CapturedMessage {
        CapturedMessage(
            time: CaptureTime(seconds: WriterSamples.baseSeconds, nanoseconds: nanoseconds),
            source: source,
            destination: destination,
            transport: transport,
            recordNumbers: [],
            payload: (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        )
    }

    static func samples(_ transports: Set<SIPTransport>) -> [CapturedMessage] {
        WriterSamples.sampleMessages().filter { transports.contains($0.transport) }
    }

    /// Checks the IPv4 header checksum of a record (IPv6 has none).
    static func expectValidIPHeader(_ record: PcapTestRecord, sourceLocation: SourceLocation = #_sourceLocation) {
        guard !record.isIPv6 else { return }
        #expect(referenceOnesComplementSum(Array(record.ip[0..<20])) == 0xffff, sourceLocation: sourceLocation)
        #expect(record.ip[0] == 0x45 && record.ip[8] == 64, sourceLocation: sourceLocation)
    }

    /// Checks a TCP segment's or UDP datagram's checksum with the pseudo-header.
    static func expectValidTransportChecksum(
        _ packet: TestIPPacket,
        upperLayer: [UInt8],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let pseudo = referencePseudoHeader(
            source: packet.source,
            destination: packet.destination,
            protocolNumber: packet.protocolNumber,
            length: upperLayer.count
        )
        #expect(referenceOnesComplementSum(pseudo + upperLayer) == 0xffff, sourceLocation: sourceLocation)
    }

    // MARK: - File header and checksum primitives

    @Test func fileHeaderMicroseconds() {
        #expect(
            PcapWriter().fileHeader() == [
                0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00,
            ]
        )
    }

    @Test func fileHeaderNanoseconds() {
        var options = PcapWriter.Options()
        options.nanosecondTimestamps = true
        #expect(
            PcapWriter(options: options).fileHeader() == [
                0x4d, 0x3c, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00,
            ]
        )
    }

    /// RFC 1071 section 3's worked example: sum 0xDDF2, checksum 0x220D, whatever the split.
    @Test func internetChecksumRFC1071Example() {
        let bytes: [UInt8] = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]
        for split in 0...bytes.count {
            for secondSplit in split...bytes.count {
                var checksum = InternetChecksum()
                checksum.add(bytes[..<split])
                checksum.add(bytes[split..<secondSplit])
                checksum.add(bytes[secondSplit...])
                #expect(checksum.value == 0x220d, "split at \(split), \(secondSplit)")
            }
        }
        var odd = InternetChecksum()
        odd.add([0x12, 0x34, 0x56][...])
        // 0x1234 + 0x5600 = 0x6834, complemented.
        #expect(odd.value == 0x97cb)
        #expect(InternetChecksum().value == 0xffff)
    }

    @Test func udpChecksumZeroIsSentAsAllOnes() {
        var checksum = InternetChecksum()
        checksum.add(word: 0xffff)
        #expect(checksum.value == 0)
        #expect(checksum.udpValue == 0xffff)
    }

    @Test func crc32cCheckValueAndReference() {
        #expect(CRC32C.checksum(Array("123456789".utf8)[...]) == 0xe306_9283)
        #expect(CRC32C.checksum([][...]) == 0)
        // RFC 3720 appendix B.4 test vectors: 32 bytes of zeros, of 0xFF, and ascending.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)[...]) == 0x8a91_36aa)
        #expect(CRC32C.checksum([UInt8](repeating: 0xff, count: 32)[...]) == 0x62a8_ab43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }[...]) == 0x46dd_794e)
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
        #expect(CRC32C.checksum(data[...]) == referenceCRC32C(data))
    }

    // MARK: - UDP

    /// One record checked byte for byte; tshark 4.0 reports both checksums correct.
    @Test func smallUDPOverIPv4GoldenRecord() {
        let message = CapturedMessage(
            time: CaptureTime(seconds: 1_727_395_200, nanoseconds: 123_456_789),
            source: Endpoint(address: .v4(0xc000_0201), port: 5060),
            destination: Endpoint(address: .v4(0xc000_0202), port: 5080),
            transport: .udp,
            recordNumbers: [],
            payload: Array("OPTIONS sip:a SIP/2.0\r\n\r\n".utf8)
        )
        var writer = PcapWriter()
        var output: [UInt8] = []
        #expect(writer.append(message, to: &output) == 1)
        let expected: [UInt8] =
            [
                // Record header: seconds, microseconds, captured and original length.
                0x80, 0xf5, 0xf5, 0x66, 0x40, 0xe2, 0x01, 0x00, 0x43, 0x00, 0x00, 0x00, 0x43, 0x00, 0x00, 0x00,
                0x02, 0x00, 0xc0, 0x00, 0x02, 0x02, 0x02, 0x00, 0xc0, 0x00, 0x02, 0x01, 0x08, 0x00,  // Ethernet
                0x45, 0x00, 0x00, 0x35, 0x40, 0x00, 0x00, 0x00, 0x40, 0x11, 0xb6, 0xb4,  // IPv4
                0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
                0x13, 0xc4, 0x13, 0xd8, 0x00, 0x21, 0xaf, 0x7e,  // UDP
            ] + Array("OPTIONS sip:a SIP/2.0\r\n\r\n".utf8)
        #expect(output == expected)
    }

    @Test func udpSamplesHaveValidChecksumsAndReassemble() {
        let messages = Self.samples([.udp])
        let (records, counts) = Self.write(messages)
        // Small ones in one record; the large ones (5.7 kB over IPv4, 4.5 kB over IPv6) in 4.
        #expect(counts == [1, 1, 1, 1, 4, 4])
        #expect(messages.map(\.payload.count) == [856, 250, 269, 247, 5693, 4517])
        #expect(records.count == counts.reduce(0, +))
        var index = 0
        for (message, count) in zip(messages, counts) {
            var datagram: [UInt8] = []
            var packet: TestIPPacket?
            for record in records[index..<(index + count)] {
                Self.expectValidIPHeader(record)
                #expect(record.frame.count <= 1514)
                #expect(record.capturedLength == record.originalLength)
                let ipPacket = TestIPPacket(record)
                #expect(ipPacket.protocolNumber == 17)
                #expect((ipPacket.fragment?.offset ?? 0) == datagram.count)
                datagram += ipPacket.payload
                packet = ipPacket
            }
            index += count
            guard let packet else { continue }
            #expect(Array(datagram[8...]) == message.payload)
            #expect(be16(datagram, 0) == message.source.port)
            #expect(be16(datagram, 2) == message.destination.port)
            #expect(Int(be16(datagram, 4)) == datagram.count)
            Self.expectValidTransportChecksum(packet, upperLayer: datagram)
            #expect(packet.source == message.source.address.bytes)
            #expect(packet.destination == message.destination.address.bytes)
        }
    }

    @Test func ipv4FragmentFieldsAndOffsets() {
        let source = Endpoint(address: .v4(0x0a00_0001), port: 5060)
        let destination = Endpoint(address: .v4(0x0a00_0002), port: 5060)
        // 4000 + 8 bytes of datagram: 1480 + 1480 + 1048.
        let (records, counts) = Self.write([Self.message(.udp, source, destination, size: 4000)])
        #expect(counts == [3])
        let fields = records.map { be16($0.ip, 6) }
        #expect(fields == [0x2000, 0x2000 | 185, 370])
        #expect(records.map { Int(be16($0.ip, 2)) } == [1500, 1500, 20 + 1048])
        let identifications = Set(records.map { be16($0.ip, 4) })
        #expect(identifications.count == 1)
        // The next datagram gets the next identification.
        var writer = PcapWriter()
        var output: [UInt8] = []
        writer.append(Self.message(.udp, source, destination, size: 4000), to: &output)
        writer.append(Self.message(.udp, source, destination, size: 10), to: &output)
        let ids = pcapRecords(output).map { be16($0.ip, 4) }
        #expect(ids == [0x4000, 0x4000, 0x4000, 0x4001])
    }

    @Test func ipv6FragmentHeaders() {
        let source = Endpoint(address: .v6(high: 0x2001_0db8_0000_0000, low: 1), port: 5060)
        let destination = Endpoint(address: .v6(high: 0x2001_0db8_0000_0000, low: 2), port: 5062)
        // 1500 - 40 - 8 = 1452, rounded down to 1448 per fragment; 3008 bytes need 3.
        let (records, counts) = Self.write([Self.message(.udp, source, destination, size: 3000)])
        #expect(counts == [3])
        #expect(records.map { $0.ip[6] } == [44, 44, 44])
        #expect(records.map { $0.ip[40] } == [17, 17, 17])
        #expect(records.map { be16($0.ip, 42) } == [1, 1448 | 1, 2896])
        #expect(records.map { be32($0.ip, 44) } == [0x0001_0000, 0x0001_0000, 0x0001_0000])
        #expect(records.map { Int(be16($0.ip, 4)) } == [8 + 1448, 8 + 1448, 8 + 112])
        #expect(records.map { $0.frame.count } == [1510, 1510, 14 + 40 + 8 + 112])
    }

    @Test(arguments: [0, 128, 576, 1280, 9000, 70_000])
    func fragmentsFitTheMTU(mtu: Int) {
        var options = PcapWriter.Options()
        options.mtu = mtu
        let effective = min(max(mtu, 128), 65_535)
        for address in [IPAddress.v4(0x0a00_0001), .v6(high: 0x2001_0db8_0000_0000, low: 1)] {
            let endpoint = Endpoint(address: address, port: 5060)
            let message = Self.message(.udp, endpoint, endpoint, size: 20_000)
            let (records, _) = Self.write([message], options: options)
            var datagram: [UInt8] = []
            for record in records {
                #expect(record.ip.count <= effective)
                let packet = TestIPPacket(record)
                #expect((packet.fragment?.offset ?? 0) == datagram.count)
                datagram += packet.payload
            }
            #expect(Array(datagram[8...]) == message.payload)
        }
    }

    @Test func oversizedUDPIsNotWritten() {
        let v4 = Endpoint(address: .v4(0x0a00_0001), port: 5060)
        let v6 = Endpoint(address: .v6(high: 0x2001_0db8_0000_0000, low: 1), port: 5060)
        let cases: [(Endpoint, Int, Int)] = [(v4, 65_507, 45), (v4, 65_508, 0), (v6, 65_527, 46), (v6, 65_528, 0)]
        for (endpoint, size, expected) in cases {
            let (records, counts) = Self.write([Self.message(.udp, endpoint, endpoint, size: size)])
            #expect(counts == [expected], "\(endpoint) \(size)")
            #expect(records.count == expected)
        }
    }

    @Test func emptyPayloads() {
        let a = Endpoint(address: .v4(0x0a00_0001), port: 5060)
        let b = Endpoint(address: .v4(0x0a00_0002), port: 5060)
        #expect(Self.write([Self.message(.udp, a, b, size: 0)]).counts == [1])
        // A new TCP flow still gets its handshake; an empty WebSocket frame is 6 bytes.
        #expect(Self.write([Self.message(.tcp, a, b, size: 0)]).counts == [3])
        #expect(Self.write([Self.message(.ws, a, b, size: 0)]).counts == [6])
        #expect(Self.write([Self.message(.sctp, a, b, size: 0)]).counts == [0])
    }

    // MARK: - Timestamps and addresses

    @Test func recordTimestamps() {
        let a = Endpoint(address: .v4(0x0a00_0001), port: 5060)
        let times: [(Int64, UInt32, UInt32, UInt32)] = [
            // nanoseconds since epoch, seconds, microseconds, nanoseconds
            (1_727_395_200_123_456_789, 1_727_395_200, 123_456, 123_456_789),
            (999, 0, 0, 999),
            (-1, 0xffff_ffff, 999_999, 999_999_999),
            (4_294_967_296_000_000_001, 0, 0, 1),
        ]
        for (nanoseconds, seconds, micros, nanos) in times {
            var message = Self.message(.udp, a, a, size: 4)
            message.time = CaptureTime(nanoseconds: nanoseconds)
            let micro = Self.write([message]).records
            #expect(micro.map { [$0.seconds, $0.fraction] } == [[seconds, micros]])
            var options = PcapWriter.Options()
            options.nanosecondTimestamps = true
            let nano = Self.write([message], options: options).records
            #expect(nano.map { [$0.seconds, $0.fraction] } == [[seconds, nanos]])
        }
        // Every record of one message shares its time.
        let large = Self.write([Self.message(.tcp, a, a, size: 5000, nanoseconds: 42_000)]).records
        #expect(large.count == 7)
        #expect(large.allSatisfy { $0.seconds == UInt32(WriterSamples.baseSeconds) && $0.fraction == 42 })
    }

    @Test func macAddressesDeriveFromIPAddresses() {
        let (records, _) = Self.write(Self.samples([.udp]))
        #expect(Array(records[0].frame[0..<12]) == [2, 0, 198, 51, 100, 20, 2, 0, 192, 0, 2, 10])
        #expect(Array(records[2].frame[0..<12]) == [2, 6, 0, 0, 0, 0x20, 2, 6, 0, 0, 0, 0x10])
        let expected: [UInt16] =
            [0x0800, 0x0800, 0x86dd, 0x86dd] + Array(repeating: 0x0800, count: 4)
            + Array(repeating: 0x86dd, count: 4)
        #expect(records.map(\.etherType) == expected)
    }

    @Test func mixedFamiliesAreWrittenAsIPv6WithAMappedAddress() {
        let v4 = Endpoint(address: .v4(0xc000_0201), port: 5060)
        let v6 = Endpoint(address: .v6(high: 0x2001_0db8_0000_0000, low: 1), port: 5060)
        let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1]
        let (records, _) = Self.write([Self.message(.udp, v4, v6, size: 10), Self.message(.udp, v6, v4, size: 10)])
        #expect(records.map(\.etherType) == [0x86dd, 0x86dd])
        let first = TestIPPacket(records[0])
        let second = TestIPPacket(records[1])
        #expect(first.source == mapped && first.destination == v6.address.bytes)
        #expect(second.source == v6.address.bytes && second.destination == mapped)
        Self.expectValidTransportChecksum(first, upperLayer: first.payload)
    }

    // MARK: - TCP

    @Test func tcpHandshakeSequenceContinuityAndChecksums() {
        let messages = Self.samples([.tcp]).filter { $0.source.address.isIPv6 == false }
        let (records, counts) = Self.write(messages)
        // Handshake + 4 segments for the 4.5 kB INVITE, then one segment each.
        #expect(counts == [3 + 4, 1, 1, 1])
        let client = messages[0].source
        var nextSequence: [Endpoint: UInt32] = [:]
        var received: [Endpoint: [UInt8]] = [:]
        for (index, record) in records.enumerated() {
            Self.expectValidIPHeader(record)
            #expect(be16(record.ip, 6) == 0x4000, "DF set")
            let packet = TestIPPacket(record)
            Self.expectValidTransportChecksum(packet, upperLayer: packet.payload)
            let segment = packet.payload
            let source = Endpoint(address: IPAddress(bytes: packet.source) ?? .v4(0), port: be16(segment, 0))
            let headerLength = Int(segment[12] >> 4) * 4
            let flags = segment[13]
            let sequence = be32(segment, 4)
            let acknowledgement = be32(segment, 8)
            switch index {
            case 0:
                #expect(source == client && flags == 0x02 && acknowledgement == 0 && headerLength == 24)
                #expect(Array(segment[20..<24]) == [2, 4, 0x05, 0xb4])
                nextSequence[client] = sequence &+ 1
            case 1:
                #expect(source == messages[0].destination && flags == 0x12 && headerLength == 24)
                #expect(acknowledgement == nextSequence[client])
                nextSequence[source] = sequence &+ 1
            case 2:
                #expect(source == client && flags == 0x10 && headerLength == 20)
                #expect(sequence == nextSequence[client])
                #expect(acknowledgement == nextSequence[messages[0].destination])
            default:
                #expect(headerLength == 20)
                #expect(sequence == nextSequence[source], "record \(index)")
                let other = source == client ? messages[0].destination : client
                #expect(acknowledgement == nextSequence[other])
                let data = Array(segment[headerLength...])
                #expect(data.count <= 1460 && !data.isEmpty)
                nextSequence[source] = sequence &+ UInt32(data.count)
                received[source, default: []] += data
                #expect(be16(segment, 14) == 65_535)
            }
        }
        let fromClient = messages.filter { $0.source == client }.flatMap(\.payload)
        let fromServer = messages.filter { $0.source != client }.flatMap(\.payload)
        #expect(received[client] == fromClient)
        #expect(received[messages[0].destination] == fromServer)
        // PSH only on the last segment of each message.
        let flags = records[3...].map { TestIPPacket($0).payload[13] }
        #expect(flags == [0x10, 0x10, 0x10, 0x18, 0x18, 0x18, 0x18])
    }

    @Test func tcpClientIsTheSourceOfTheFirstMessage() {
        let a = Endpoint(address: .v6(high: 0x2001_0db8_0000_0000, low: 1), port: 5060)
        let b = Endpoint(address: .v6(high: 0x2001_0db8_0000_0000, low: 2), port: 40_000)
        // b is the higher endpoint but sends first, so it opens the connection.
        let (records, counts) = Self.write([Self.message(.tls, b, a, size: 10), Self.message(.tls, a, b, size: 10)])
        #expect(counts == [4, 1])
        let first = TestIPPacket(records[0])
        #expect(first.source == b.address.bytes && first.payload[13] == 0x02)
        #expect(be16(first.payload, 0) == 40_000)
        for record in records {
            let packet = TestIPPacket(record)
            Self.expectValidTransportChecksum(packet, upperLayer: packet.payload)
        }
    }

    @Test(arguments: [1, 100, 536, 1460, 9000])
    func tcpSegmentsRespectTheMSS(mss: Int) {
        var options = PcapWriter.Options()
        options.tcpMaximumSegmentSize = mss
        let a = Endpoint(address: .v4(0x0a00_0001), port: 5060)
        let b = Endpoint(address: .v4(0x0a00_0002), port: 40_000)
        let message = Self.message(.tcp, b, a, size: 3000)
        let (records, counts) = Self.write([message], options: options)
        #expect(counts == [3 + (3000 + mss - 1) / mss])
        let data = records[3...].flatMap { record -> [UInt8] in
            let segment = TestIPPacket(record).payload
            #expect(segment.count - 20 <= mss)
            return Array(segment[20...])
        }
        #expect(data == message.payload)
        // The SYN announces the MSS.
        #expect(be16(TestIPPacket(records[0]).payload, 22) == UInt16(mss))
    }

    @Test func flowTableIsBounded() {
        var options = PcapWriter.Options()
        options.maxTrackedFlows = 1
        let a = Endpoint(address: .v4(0x0a00_0001), port: 5060)
        let b = Endpoint(address: .v4(0x0a00_0002), port: 40_000)
        let c = Endpoint(address: .v4(0x0a00_0003), port: 40_000)
        let messages = [
            Self.message(.tcp, b, a, size: 10), Self.message(.tcp, a, b, size: 10),
            Self.message(.tcp, c, a, size: 10), Self.message(.tcp, b, a, size: 10),
        ]
        let (records, counts) = Self.write(messages, options: options)
        #expect(counts == [4, 1, 4, 4])
        // The reopened flow does not reuse the first initial sequence number.
        #expect(be32(TestIPPacket(records[0]).payload, 4) != be32(TestIPPacket(records[9]).payload, 4))
    }

    // MARK: - WebSocket

    @Test func webSocketUpgradeAndFrames() {
        let messages = Self.samples([.ws])
        let (records, counts) = Self.write(messages)
        // Handshake, upgrade request, 101, frame; then one frame; then a 2 kB frame in 2 segments.
        #expect(counts == [6, 1, 2])
        let data = records.map { record -> [UInt8] in
            let segment = TestIPPacket(record).payload
            let headerLength = Int(segment[12] >> 4) * 4
            return Array(segment[headerLength...])
        }
        let request = String(decoding: data[3], as: UTF8.self)
        #expect(
            request
                == "GET / HTTP/1.1\r\nHost: 198.51.100.20:80\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: sip\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        let response = String(decoding: data[4], as: UTF8.self)
        #expect(
            response
                == "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n"
        )
        // Client to server: masked; server to client: not.
        let clientFrame = data[5]
        #expect(clientFrame[0] == 0x81)
        #expect(clientFrame[1] == 0x80 | 126)
        #expect(Int(be16(clientFrame, 2)) == messages[0].payload.count)
        let key = Array(clientFrame[4..<8])
        let unmasked = clientFrame[8...].enumerated().map { $0.element ^ key[$0.offset % 4] }
        #expect(unmasked == messages[0].payload)
        let serverFrame = data[6]
        #expect(serverFrame[0] == 0x81 && serverFrame[1] == 126)
        #expect(Array(serverFrame[4...]) == messages[1].payload)
        let largeFrame = data[7] + data[8]
        let secondKey = Array(largeFrame[4..<8])
        #expect(secondKey != key)
        #expect(largeFrame[8...].enumerated().map { $0.element ^ secondKey[$0.offset % 4] } == messages[2].payload)
    }

    @Test(arguments: [(0, 2), (125, 2), (126, 4), (65_535, 4), (65_536, 10)])
    func webSocketLengthEncodings(size: Int, headerLength: Int) {
        let payload = [UInt8](repeating: 0x41, count: size)
        let unmasked = PcapWriter.webSocketTextFrame(payload, maskingKey: nil)
        #expect(unmasked.count == headerLength + size)
        #expect(Array(unmasked[headerLength...]) == payload)
        let masked = PcapWriter.webSocketTextFrame(payload, maskingKey: 0x0102_0304)
        #expect(masked.count == headerLength + 4 + size)
        #expect(Array(masked[headerLength..<(headerLength + 4)]) == [1, 2, 3, 4])
        #expect(masked[1] & 0x80 == 0x80)
        switch headerLength {
        case 2: #expect(Int(unmasked[1]) == size)
        case 4: #expect(unmasked[1] == 126 && Int(be16(unmasked, 2)) == size)
        default: #expect(unmasked[1] == 127 && be32(unmasked, 2) == 0 && Int(be32(unmasked, 6)) == size)
        }
    }

    // MARK: - SCTP

    @Test func sctpChunksChecksumsAndNumbering() {
        let messages = Self.samples([.sctp])
        let (records, counts) = Self.write(messages)
        // 3.4 kB needs 3 chunks of at most 1500 - 20 - 12 - 16 = 1452 bytes.
        #expect(counts == [1, 1, 3])
        var tsnBySource: [[UInt8]: [UInt32]] = [:]
        var ssnBySource: [[UInt8]: [UInt16]] = [:]
        var tagBySource: [[UInt8]: Set<UInt32>] = [:]
        var data: [[UInt8]] = []
        var flags: [UInt8] = []
        for record in records {
            Self.expectValidIPHeader(record)
            let packet = TestIPPacket(record)
            #expect(packet.protocolNumber == 132)
            var sctp = packet.payload
            #expect(sctp.count % 4 == 0)
            let stored = le32(sctp, 8)
            sctp.replaceSubrange(8..<12, with: [0, 0, 0, 0])
            #expect(referenceCRC32C(sctp) == stored)
            #expect(sctp[12] == 0)
            flags.append(sctp[13])
            let chunkLength = Int(be16(sctp, 14))
            tsnBySource[packet.source, default: []].append(be32(sctp, 16))
            #expect(be16(sctp, 20) == 0)
            ssnBySource[packet.source, default: []].append(be16(sctp, 22))
            #expect(be32(sctp, 24) == 0)
            tagBySource[packet.source, default: []].insert(be32(sctp, 4))
            data.append(Array(sctp[28..<(12 + chunkLength)]))
            #expect(sctp[(12 + chunkLength)...].allSatisfy { $0 == 0 })
        }
        #expect(flags == [0x03, 0x03, 0x02, 0x00, 0x01])
        let peer = WriterSamples.sctpPeer4.address.bytes
        let proxy = WriterSamples.proxy4.address.bytes
        if let tsns = tsnBySource[peer], let first = tsns.first {
            #expect(tsns == [first, first &+ 1, first &+ 2, first &+ 3])
        }
        #expect(tsnBySource[proxy]?.count == 1)
        #expect(ssnBySource[peer] == [0, 1, 1, 1])
        #expect(ssnBySource[proxy] == [0])
        #expect(tagBySource[peer]?.count == 1 && tagBySource[proxy]?.count == 1)
        #expect(tagBySource[peer] != tagBySource[proxy] && tagBySource[peer]?.contains(0) == false)
        #expect(data[0] == messages[0].payload && data[1] == messages[1].payload)
        #expect(Array(data[2...].joined()) == messages[2].payload)
    }

    // MARK: - Whole files

    @Test func outputIsDeterministic() {
        let first = Self.write(WriterSamples.sampleMessages())
        let second = Self.write(WriterSamples.sampleMessages())
        #expect(first.records.map(\.frame) == second.records.map(\.frame))
        #expect(first.counts == [1, 1, 1, 1, 4, 4, 7, 1, 1, 1, 4, 1, 6, 1, 2, 1, 1, 3])
    }

    @Test func fileWriterMatchesTheInMemoryWriter() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sipdiag-writer-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.pcap").path

        // Enough repetitions to cross the 1 MiB flush threshold a few times.
        var messages: [CapturedMessage] = []
        for round in 0..<150 {
            for var message in WriterSamples.sampleMessages() {
                message.time.nanoseconds += Int64(round) * 1_000_000_000
                messages.append(message)
            }
        }
        var options = PcapWriter.Options()
        options.nanosecondTimestamps = true
        let file = try PcapFileWriter(path: path, options: options)
        var records = 0
        for message in messages {
            records += try file.write(message)
        }
        try file.close()
        try file.close()
        #expect(throws: CaptureError(.ioError, "")) { try file.write(messages[0]) }

        var writer = PcapWriter(options: options)
        var expected = writer.fileHeader()
        var expectedRecords = 0
        for message in messages {
            expectedRecords += writer.append(message, to: &expected)
        }
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written.count > 2 * PcapFileWriter.flushThreshold)
        #expect(written == expected)
        #expect(records == expectedRecords)
        #expect(file.recordsWritten == expectedRecords)
        #expect(file.messagesWritten == messages.count)
        #expect(file.bytesWritten == Int64(expected.count))
    }

    @Test func fileWriterReportsOpenFailures() {
        #expect(throws: CaptureError(.ioError, "")) {
            _ = try PcapFileWriter(path: "/nonexistent-sipdiag-dir/out.pcap")
        }
    }
}
