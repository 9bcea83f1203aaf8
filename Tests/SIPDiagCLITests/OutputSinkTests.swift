import Foundation
import Testing

@testable import SIPDiagCLI

@Suite struct OutputSinkTests {
    @Test(arguments: [
        ([UInt8]("plain text".utf8), #""plain text""#),
        ([UInt8]("quote \" and \\ backslash".utf8), #""quote \" and \\ backslash""#),
        ([0x41, 0x0D, 0x0A, 0x09, 0x00, 0x1F, 0x7F], #""A\r\n\t\u0000\u001f\u007f""#),
        ([0x63, 0xC3, 0xA9], "\"c\u{E9}\""),
        ([0x62, 0xFF, 0x61, 0x22], "\"b\u{FFFD}a\\\"\""),
    ])
    func jsonStringsAreEscapedAndAlwaysValid(bytes: [UInt8], expected: String) throws {
        let sink = OutputSink()
        sink.appendJSONString(utf8: bytes[...])
        #expect(sink.text == expected)
        let decoded = try JSONSerialization.jsonObject(with: Data(sink.text.utf8), options: .fragmentsAllowed)
        #expect(decoded as? String == String(decoding: bytes, as: UTF8.self))
    }

    @Test(arguments: [Int64(0), 7, 10, 99, 100, -1, -5060, 1_700_000_000_123_456_789, .max, .min])
    func decimalsMatchSwiftsOwnFormatting(value: Int64) {
        let sink = OutputSink()
        sink.appendDecimal(value)
        #expect(sink.text == String(value))
    }

    @Test func paddedDecimals() {
        let sink = OutputSink()
        sink.appendPadded(42, width: 9)
        sink.append(0x20)
        sink.appendPadded(123_456_789, width: 9)
        #expect(sink.text == "000000042 123456789")
    }

    @Test func largeOutputsSurviveManyFlushes() {
        let sink = OutputSink()
        let line = String(repeating: "x", count: 1000)
        for _ in 0..<200 { sink.writeLine(line) }
        #expect(sink.text.count == 200 * 1001)
    }
}
