import Testing

@testable import SIPMessage

@Suite struct SIPTextValueTests {
    @Test func text() throws {
        // RFC 4475 section 3.1.1.1, wsinv.dat: an empty Subject.
        let empty = try SIPTextValue.parse(headerValue(""), limits: .default)
        #expect(empty == SIPTextValue(raw: "", text: ""))
        let folded = try SIPTextValue.parse(headerValue("  Need more\t \r\n   boxes  (and tape) "), limits: .default)
        #expect(folded.raw == "Need more\t \r\n   boxes  (and tape)")
        #expect(folded.text == "Need more boxes  (and tape)")
        #expect(folded.description == "Need more boxes  (and tape)")
        #expect(folded.notes.isEmpty)
        let utf8 = try SIPTextValue.parse(headerValue("Bo\u{308}xes by Bob \u{1F4E6}"), limits: .default)
        #expect(utf8.text == "Bo\u{308}xes by Bob \u{1F4E6}")
        // X-Call-ID / X-CID.
        #expect(try SIPTextValue.parse(headerValue(" 8a7b@10.0.0.1 "), limits: .default).text == "8a7b@10.0.0.1")
    }

    @Test func invalidUTF8IsANote() throws {
        let value = try SIPTextValue.parse(headerValue([0x41, 0xC3, 0x28]), limits: .default)
        #expect(value.text == "A\u{FFFD}(")
        #expect(value.notes.map(\.message) == ["text is not valid UTF-8 (RFC 3261 section 25.1 TEXT-UTF8)"])
        #expect(value.notes.first?.code == .invalidCharacters)
    }

    @Test func priority() throws {
        #expect(try SIPPriority.parse(headerValue("emergency"), limits: .default) == .emergency)
        #expect(try SIPPriority.parse(headerValue(" Non-Urgent "), limits: .default) == .nonUrgent)
        #expect(try SIPPriority.parse(headerValue("Non-Urgent"), limits: .default).value == "Non-Urgent")
        #expect(try SIPPriority.parse(headerValue("x-custom"), limits: .default) == SIPPriority("X-CUSTOM"))
        #expect(Set([SIPPriority("URGENT"), .urgent]).count == 1)
        expectError("", .invalidHeaderValue, "Priority is not a token", offset: 0) { value throws(SIPParseError) in
            try SIPPriority.parse(value, limits: .default)
        }
        expectError("very urgent", .invalidHeaderValue, "unexpected 'urgent' after the Priority token", offset: 5) {
            value throws(SIPParseError) in
            try SIPPriority.parse(value, limits: .default)
        }
    }

    @Test func everyPrefix() {
        forEveryPrefix(of: "a \r\n b\u{E9}") { value throws(SIPParseError) in
            _ = try SIPTextValue.parse(value, limits: .default)
            _ = try SIPPriority.parse(value, limits: .default)
        }
    }
}
