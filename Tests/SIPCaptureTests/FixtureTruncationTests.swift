import Testing

@testable import SIPCapture

/// A capture cut anywhere (tcpdump killed, a download interrupted) decodes what is before the
/// cut and says where it was cut; it never traps. Every prefix of the first bytes is tried
/// (headers, first records), then cut points spread over the rest of the file: every prefix of
/// every fixture would take minutes, and the every-byte loops over hand-made files in the
/// container tests and `scripts/fuzz.sh` cover the rest.
@Suite struct FixtureTruncationTests {
    /// What identifies a message across two decodes of the same capture.
    struct MessageKey: Hashable {
        var time: CaptureTime
        var source: Endpoint
        var destination: Endpoint
        var transport: SIPTransport
        var payload: [UInt8]

        init(_ message: CapturedMessage) {
            time = message.time
            source = message.source
            destination = message.destination
            transport = message.transport
            payload = message.payload
        }
    }

    static let everyByteUpTo = 160
    static let spreadCuts = 120

    static func cutPoints(length: Int) -> [Int] {
        var cuts = Array(0..<min(length, everyByteUpTo))
        if length > everyByteUpTo {
            let span = length - everyByteUpTo
            // An odd step, so that cuts fall at varied places inside records, not on their edges.
            for step in 0..<spreadCuts { cuts.append(everyByteUpTo + (step * span) / spreadCuts + step % 7) }
        }
        return Array(Set(cuts.filter { $0 < length })).sorted()
    }

    @Test(arguments: FixtureLoader.allCaptures())
    func everyCutDecodesPartOfTheWholeAndSaysWhere(_ capture: String) throws {
        let bytes = try FixtureLoader.bytes(capture)
        let whole = TestFrames.decodeAll(bytes)
        let wholeMessages = Set(TestFrames.messages(whole.items).map(MessageKey.init))
        let wholeWasCut = whole.warnings.contains { $0.code == .truncatedFile }
        let headerLength = Self.fileHeaderLength(bytes)
        for cut in Self.cutPoints(length: bytes.count) {
            let (items, warnings, error) = TestFrames.decodeAll(Array(bytes[..<cut]))
            if let error {
                // Only a cut inside the file header can fail outright.
                #expect(cut < headerLength, "\(capture) cut at \(cut): \(error)")
                continue
            }
            for message in TestFrames.messages(items) where !message.notes.contains(where: Self.isIncomplete) {
                #expect(wholeMessages.contains(MessageKey(message)), "\(capture) cut at \(cut): \(message.startLine)")
            }
            let truncation = warnings.filter { $0.code == .truncatedFile }
            #expect(truncation.count <= 1, "\(capture) cut at \(cut)")
            if let offset = truncation.first?.byteOffset {
                #expect(offset <= Int64(cut), "\(capture) cut at \(cut): warning at \(offset)")
            }
        }
        // The fixture cut on purpose says so; the others do not.
        #expect(wholeWasCut == capture.contains("truncated-record"), "\(capture)")
    }

    /// 24 bytes for pcap; the Section Header Block's own length for pcapng.
    static func fileHeaderLength(_ bytes: [UInt8]) -> Int {
        guard bytes.count >= 12, bytes[0] == 0x0A, bytes[1] == 0x0D else { return 24 }
        let littleEndian = bytes[8] == 0x4D
        let length = (4..<8).reduce(0) { total, index in
            littleEndian ? total | Int(bytes[index]) << (8 * (index - 4)) : total << 8 | Int(bytes[index])
        }
        return length
    }

    static func isIncomplete(_ note: CaptureNote) -> Bool {
        if case .incompleteBody = note { return true }
        return false
    }
}
