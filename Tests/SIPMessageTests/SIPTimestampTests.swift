import Testing

@testable import SIPMessage

@Suite struct SIPTimestampTests {
    @Test func values() throws {
        // RFC 3261 section 20.38 example.
        let plain = try SIPTimestamp.parse(headerValue("54"), limits: .default)
        #expect(plain == SIPTimestamp(value: "54"))
        #expect(plain.number == 54)
        #expect(plain.delayNumber == nil)
        let withDelay = try SIPTimestamp.parse(headerValue("54.21 0.5"), limits: .default)
        #expect(withDelay == SIPTimestamp(value: "54.21", delay: "0.5"))
        #expect(withDelay.number == 54.21)
        #expect(withDelay.delayNumber == 0.5)
        let folded = try SIPTimestamp.parse(headerValue("1.\r\n ."), limits: .default)
        #expect(folded == SIPTimestamp(value: "1.", delay: "."))
        #expect(folded.delayNumber == 0)
        #expect(try SIPTimestamp.parse(headerValue("7 .25"), limits: .default).delayNumber == 0.25)
    }

    @Test(arguments: [
        ("", "Timestamp must start with a digit", 0),
        (".5", "Timestamp must start with a digit", 0),
        ("1.2.3", "unexpected '.3' in Timestamp", 3),
        ("12 x", "unexpected 'x' in Timestamp", 3),
        ("12 3 4", "unexpected ' 4' in Timestamp", 4),
        ("-1", "Timestamp must start with a digit", 0),
    ])
    func malformed(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPTimestamp.parse(value, limits: .default)
        }
    }

    @Test func everyPrefix() {
        forEveryPrefix(of: "54.21 0.5") { value throws(SIPParseError) in
            _ = try SIPTimestamp.parse(value, limits: .default)
        }
    }
}
