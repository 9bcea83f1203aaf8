import Testing

@testable import SIPMessage

@Suite struct SIPCallIDTests {
    @Test func valid() throws {
        // RFC 4475 section 3.1.1.1, wsinv.dat.
        let plain = try SIPCallID.parse(headerValue("wsinv.ndaksdj@192.0.2.1"), limits: .default)
        #expect(plain.value == "wsinv.ndaksdj@192.0.2.1")
        #expect(plain.localPart == "wsinv.ndaksdj")
        #expect(plain.host == "192.0.2.1")
        #expect(plain.notes.isEmpty)
        // RFC 4475 section 3.1.1.2, intmeth.dat: every `word` character.
        let unusual = try SIPCallID.parse(headerValue("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{"), limits: .default)
        #expect(unusual.value == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{")
        #expect(unusual.host == "word`~)(><:\\/\"][?}{")
        #expect(unusual.notes.isEmpty)
        // RFC 4475 section 3.1.1.7, longreq.dat: no host part.
        let noHost = try SIPCallID.parse(headerValue("longreq.onereallyreallyreallylongcallid"), limits: .default)
        #expect(noHost.host == nil)
        #expect(noHost.localPart == "longreq.onereallyreallyreallylongcallid")
        #expect(noHost.description == "longreq.onereallyreallyreallylongcallid")
    }

    @Test func comparisonIsByteExact() {
        #expect(SIPCallID("abc@x") != SIPCallID("ABC@x"))
        // U+00E9 versus e + U+0301: equal as Swift strings, different bytes.
        #expect(SIPCallID("caf\u{E9}") != SIPCallID("cafe\u{301}"))
        #expect(Set([SIPCallID("a"), SIPCallID("a", notes: [SIPParseNote(.invalidHeaderValue, "x")])]).count == 1)
    }

    @Test func lenientNotes() throws {
        let spaced = try SIPCallID.parse(headerValue("abc def;x@@host@"), limits: .default)
        #expect(spaced.value == "abc def;x@@host@")
        #expect(
            spaced.notes.map(\.message) == [
                "Call-ID 'abc def;x@@host@' has characters outside word (RFC 3261 section 25.1)",
                "Call-ID has 3 '@' (RFC 3261 section 20.8 allows one)",
            ]
        )
        #expect(spaced.notes.map(\.offset) == [103, 110])
        let emptyWord = try SIPCallID.parse(headerValue("@host"), limits: .default)
        #expect(emptyWord.notes.map(\.message) == ["Call-ID has an empty word beside '@' (RFC 3261 section 20.8)"])
        #expect(emptyWord.localPart == "")
        let binary = try SIPCallID.parse(headerValue([0x61, 0xFF, 0x00]), limits: .default)
        #expect(
            binary.notes.first?.message == "Call-ID 'a\\xFF\\x00' has characters outside word (RFC 3261 section 25.1)"
        )
    }

    @Test func emptyAndPrefixes() {
        expectError(" ", .invalidHeaderValue, "Call-ID is empty", offset: 1) { value throws(SIPParseError) in
            try SIPCallID.parse(value, limits: .default)
        }
        let parsed = forEveryPrefix(of: "a@b c@") { value throws(SIPParseError) in
            _ = try SIPCallID.parse(value, limits: .default)
        }
        #expect(parsed == 6)
    }
}
