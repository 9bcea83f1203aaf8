import Testing

@testable import SIPMessage

@Suite struct SIPScannerTests {
    @Test func splitsListsOutsideQuotesAndBrackets() throws {
        let value = Array("\"a, b\" <sip:x@y;p=1,2>;tag=3 , <sip:z>".utf8)
        let parts = try SIPScanner.splitList(value[...], limits: .default)
        #expect(parts.map { String(decoding: $0, as: UTF8.self) } == ["\"a, b\" <sip:x@y;p=1,2>;tag=3", "<sip:z>"])
    }
}
