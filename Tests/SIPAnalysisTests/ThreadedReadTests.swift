import Foundation
import SIPAnalysis
import SIPCapture
import Testing

/// `CallAnalyzer.read` parses on a second thread and hands the messages over in batches: its
/// result must be the one of adding the items one by one, on the same thread, in order.
@Suite struct ThreadedReadTests {
    static let captures = [
        "auth-retrans.pcap", "dialogs.pcap", "icmp.pcap", "legs.pcap", "outcomes.pcap", "register.pcap",
        "tcp.pcap", "timeout.pcap",
    ]

    static func path(_ file: String) -> String {
        RealCaptureTests.directory.appendingPathComponent(file).path
    }

    /// Items added one by one, and the error that stopped the reader, if any.
    static func sequential(_ reader: CaptureReader, options: AnalysisOptions) -> (CaptureAnalysis, CaptureError?) {
        var analyzer = CallAnalyzer(options: options)
        do {
            while let item = try reader.next() { analyzer.add(item) }
            return (analyzer.finish(), nil)
        } catch {
            return (analyzer.finish(), error)
        }
    }

    @Test(arguments: captures, [MessageRetention.none, .summaries, .full])
    func sameAsAddingOneByOne(_ file: String, retention: MessageRetention) throws {
        let options = AnalysisOptions(messageRetention: retention)
        let (expected, _) = Self.sequential(try CaptureReader(path: Self.path(file)), options: options)
        var analyzer = CallAnalyzer(options: options)
        let failure = analyzer.read(try CaptureReader(path: Self.path(file)))
        #expect(failure == nil)
        #expect(!expected.calls.isEmpty)
        #expect(analyzer.finish() == expected)
    }

    /// Many batches, messages without a Call-ID, bytes that are not SIP, and a capture cut off
    /// in the middle of a record: the same calls, counts and error as one by one, and progress
    /// reported along the way with the reader's final counters last.
    @Test func manyBatchesEndingAtDamage() throws {
        var messages: [CapturedMessage] = []
        for file in Self.captures {
            let reader = try CaptureReader(path: Self.path(file))
            while let item = try reader.next() {
                if case .message(let message) = item { messages.append(message) }
            }
        }
        let template = try #require(messages.first)
        var capture = PcapWriter().fileHeader()
        var writer = PcapWriter()
        for round in 0..<12 {
            for var message in messages {
                // A new Call-ID each round, so that every round adds calls rather than
                // retransmissions.
                message.payload = Self.renamingCallID(message.payload, round: round)
                _ = writer.append(message, to: &capture)
            }
            var noCallID = template
            noCallID.payload = Array("OPTIONS sip:a@b SIP/2.0\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n".utf8)
            var notSIP = template
            notSIP.payload = Array("INVITE sip:a@b SIP/2.0\r\nthis line is no header\r\n\r\n".utf8)
            _ = writer.append(noCallID, to: &capture)
            _ = writer.append(notSIP, to: &capture)
        }
        #expect(messages.count * 12 > 5 * 256)
        // A record header claiming 16 MB: the reader stops there with an error.
        capture +=
            [1, 0, 0, 0, 2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x00, 0xFF, 0xFF, 0xFF, 0x00] + Array(repeating: 0x78, count: 10)

        let options = AnalysisOptions(messageRetention: .summaries)
        let (expected, expectedError) = Self.sequential(try CaptureReader(bytes: capture), options: options)
        #expect(expectedError != nil)
        #expect(expected.calls.count > 12 * 20)
        #expect(expected.statistics.unparsed >= 24)

        let reader = try CaptureReader(bytes: capture)
        var analyzer = CallAnalyzer(options: options)
        var reported: [CaptureStatistics] = []
        let failure = analyzer.read(reader) { reported.append($0) }
        #expect(failure == expectedError)
        #expect(analyzer.finish() == expected)
        #expect(reported.count >= 5)
        #expect(zip(reported, reported.dropFirst()).allSatisfy { $0.bytesRead <= $1.bytesRead })
        #expect(reported.last == reader.statistics)
    }

    static func renamingCallID(_ payload: [UInt8], round: Int) -> [UInt8] {
        let text = String(decoding: payload, as: UTF8.self)
        return Array(text.replacingOccurrences(of: "Call-ID: ", with: "Call-ID: r\(round)-").utf8)
    }
}
