import Testing

@testable import SIPCapture

/// What ``PcapWriter`` writes reads back through ``CaptureReader`` as the same messages:
/// time, endpoints, transport and bytes. (tshark's view of the writer's output is checked by
/// `scripts/check-writer-with-tshark.sh`, whose last output is committed beside it.)
@Suite struct WriterRoundTripTests {
    private func roundTrip(_ messages: [CapturedMessage], options: PcapWriter.Options = .init()) -> [CapturedMessage] {
        var writer = PcapWriter(options: options)
        var file = writer.fileHeader()
        for message in messages { writer.append(message, to: &file) }
        let (items, warnings, error) = TestFrames.decodeAll(file)
        #expect(error == nil)
        #expect(warnings.isEmpty, "\(warnings)")
        return TestFrames.messages(items)
    }

    @Test func everySampleReadsBackIdentically() {
        let samples = WriterSamples.sampleMessages()
        let decoded = roundTrip(samples)
        #expect(decoded.count == samples.count)
        for (written, read) in zip(samples, decoded) {
            #expect(read.time == written.time, "\(written.startLine)")
            #expect(read.source == written.source, "\(written.startLine)")
            #expect(read.destination == written.destination, "\(written.startLine)")
            #expect(read.transport == written.transport, "\(written.startLine)")
            let samePayload = read.payload == written.payload
            #expect(
                samePayload,
                "\(written.startLine): \(read.payload.count) bytes read, \(written.payload.count) written"
            )
            #expect(!read.recordNumbers.isEmpty)
        }
    }

    @Test func fragmentedUDPSaysSo() throws {
        let large = try #require(
            WriterSamples.sampleMessages().first { $0.payload.count > 1500 && $0.transport == .udp }
        )
        let decoded = roundTrip([large])
        try #require(decoded.count == 1)
        #expect(decoded[0].recordNumbers.count > 1)
        #expect(decoded[0].notes == [.reassembledFromFragments(decoded[0].recordNumbers.count)])
    }

    @Test func nanosecondFilesKeepNanoseconds() throws {
        var message = WriterSamples.sampleMessages()[0]
        message.time = CaptureTime(nanoseconds: 1_727_395_200_123_456_789)
        var options = PcapWriter.Options()
        options.nanosecondTimestamps = true
        let decoded = roundTrip([message], options: options)
        #expect(decoded.first?.time == message.time)
    }
}
