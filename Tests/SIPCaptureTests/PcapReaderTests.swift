import Testing

@testable import SIPCapture

@Suite struct PcapReaderTests {
    @Test(arguments: [false, true])
    func decodesBothByteOrders(bigEndian: Bool) throws {
        let file = TestFrames.pcap(
            bigEndian: bigEndian,
            records: [(1_700_000_000, 123_456, TestFrames.sipFrame()), (1_700_000_001, 5, TestFrames.sipFrame())]
        )
        let (items, warnings, error) = TestFrames.decodeAll(file)
        #expect(error == nil)
        #expect(warnings.isEmpty)
        let messages = TestFrames.messages(items)
        try #require(messages.count == 2)
        #expect(messages[0].time == CaptureTime(seconds: 1_700_000_000, nanoseconds: 123_456_000))
        #expect(messages[1].time == CaptureTime(seconds: 1_700_000_001, nanoseconds: 5000))
        #expect(messages[0].recordNumbers == [1])
        #expect(messages[1].recordNumbers == [2])
        #expect(messages[0].source.description == "10.0.0.1:5060")
        #expect(messages[0].destination.description == "10.0.0.2:5060")
        #expect(messages[0].transport == .udp)
        #expect(messages[0].payload == TestFrames.invite)
    }

    @Test func nanosecondMagicKeepsNanoseconds() throws {
        let file = TestFrames.pcap(nanosecond: true, records: [(1_700_000_000, 123_456_789, TestFrames.sipFrame())])
        let messages = TestFrames.messages(TestFrames.decodeAll(file).items)
        try #require(messages.count == 1)
        #expect(messages[0].time.rfc3339(fractionDigits: 9) == "2023-11-14T22:13:20.123456789Z")
    }

    @Test func everyPrefixDecodesWhatIsCompleteAndWarnsOnce() {
        let file = TestFrames.pcap(records: [(1, 0, TestFrames.sipFrame()), (2, 0, TestFrames.sipFrame())])
        let firstRecordEnd = 24 + 16 + TestFrames.sipFrame().count
        for length in 0..<file.count {
            let (items, warnings, error) = TestFrames.decodeAll(Array(file[..<length]))
            switch length {
            case 0:
                #expect(error?.code == .emptyInput)
            case 1..<24:
                #expect(error?.code == .invalidFileHeader || error?.code == .unrecognisedFormat, "prefix \(length)")
            default:
                #expect(error == nil, "prefix \(length)")
                let expected = length >= firstRecordEnd ? 1 : 0
                #expect(TestFrames.messages(items).count == expected, "prefix \(length)")
                let truncation = warnings.filter { $0.code == .truncatedFile }
                let cutInsideRecord = length != 24 && length != firstRecordEnd
                #expect(truncation.count == (cutInsideRecord ? 1 : 0), "prefix \(length)")
                if cutInsideRecord {
                    #expect(truncation.first?.byteOffset == Int64(length < firstRecordEnd ? 24 : firstRecordEnd))
                }
            }
        }
    }

    struct BadHeader: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var code: CaptureError.Code
        var reasonContains: String
        var testDescription: String { name }
    }

    static let badHeaders: [BadHeader] = {
        let valid = TestFrames.pcap(records: [(1, 0, TestFrames.sipFrame())])
        var version3 = valid
        version3[4] = 3
        var absurdLength = valid
        absurdLength.replaceSubrange(32..<36, with: TestFrames.le32(0x7FFF_FFFF))
        return [
            BadHeader(name: "empty", bytes: [], code: .emptyInput, reasonContains: "empty"),
            BadHeader(
                name: "version 3",
                bytes: version3,
                code: .invalidFileHeader,
                reasonContains: "unsupported pcap version 3.4"
            ),
            BadHeader(
                name: "absurd record length",
                bytes: absurdLength,
                code: .invalidRecordLength,
                reasonContains: "record length 2147483647 exceeds"
            ),
            BadHeader(
                name: "gzip",
                bytes: [0x1F, 0x8B, 8, 0, 0, 0, 0, 0],
                code: .unrecognisedFormat,
                reasonContains: "gzip-compressed data"
            ),
            BadHeader(
                name: "JSON error body",
                bytes: Array(#"{"data":{},"message":"not found"}"#.utf8),
                code: .apiError,
                reasonContains: "the capture API answered with an error: not found"
            ),
            BadHeader(
                name: "HTML page",
                bytes: Array("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>".utf8),
                code: .unrecognisedFormat,
                reasonContains: "an HTML page"
            ),
            BadHeader(
                name: "text",
                bytes: Array("hello world\nsecond line\n".utf8),
                code: .unrecognisedFormat,
                reasonContains: "text starting with \"hello world\""
            ),
            BadHeader(
                name: "binary",
                bytes: [0xDE, 0xAD, 0xBE, 0xEF, 0, 1, 2, 3, 4],
                code: .unrecognisedFormat,
                reasonContains: "binary data starting with de ad be ef 00 01 02 03"
            ),
        ]
    }()

    @Test(arguments: badHeaders)
    func badInputGetsTheExactError(_ bad: BadHeader) {
        let error = TestFrames.decodeAll(bad.bytes).error
        #expect(error?.code == bad.code)
        #expect(error?.reason.contains(bad.reasonContains) == true, "\(String(describing: error))")
    }

    @Test func absurdRecordLengthNamesRecordAndOffset() {
        var file = TestFrames.pcap(records: [(1, 0, TestFrames.sipFrame()), (2, 0, TestFrames.sipFrame())])
        let second = 24 + 16 + TestFrames.sipFrame().count
        file.replaceSubrange((second + 8)..<(second + 12), with: TestFrames.le32(1_000_000))
        let (items, _, error) = TestFrames.decodeAll(file)
        #expect(TestFrames.messages(items).count == 1)
        #expect(error?.recordNumber == 2)
        #expect(error?.byteOffset == Int64(second))
    }

    @Test func modifiedPcapRecordsHaveLongerHeaders() throws {
        var file = TestFrames.le32(0xA1B2_CD34) + TestFrames.le16(2) + TestFrames.le16(4)
        file += TestFrames.le32(0) + TestFrames.le32(0) + TestFrames.le32(65535) + TestFrames.le32(1)
        let frame = TestFrames.sipFrame()
        file += TestFrames.le32(7) + TestFrames.le32(0) + TestFrames.le32(UInt32(frame.count))
        file += TestFrames.le32(UInt32(frame.count)) + Array(repeating: 0, count: 8) + frame
        let messages = TestFrames.messages(TestFrames.decodeAll(file).items)
        try #require(messages.count == 1)
        #expect(messages[0].time.nanoseconds == 7_000_000_000)
    }
}
