import Testing

@testable import SIPMessage

@Suite struct SIPScannerTests {
    @Test func splitsListsOutsideQuotesAndBrackets() throws {
        let value = Array("\"a, b\" <sip:x@y;p=1,2>;tag=3 , <sip:z>".utf8)
        let parts = try SIPScanner.splitList(value[...], limits: .default)
        #expect(parts.map { String(decoding: $0, as: UTF8.self) } == ["\"a, b\" <sip:x@y;p=1,2>;tag=3", "<sip:z>"])
    }

    @Test func splitListEdges() throws {
        // A quoted-pair backslash at the very end steps past it without reading out of bounds.
        let parts = try SIPScanner.splitList(headerValue("a, \"b\\"), limits: .default)
        #expect(parts.map { String(decoding: $0, as: UTF8.self) } == ["a", "\"b\\"])
        #expect(try SIPScanner.splitList(headerValue(" , ,, "), limits: .default).isEmpty)
        forEveryPrefix(of: "\"x, y\" <sip:a,b>, c\\, \"d") { value throws(SIPParseError) in
            _ = try SIPScanner.splitList(value, limits: .default)
        }
    }

    /// More elements than the limit is the error even when an earlier element does not parse,
    /// and the notes of the parsed elements are taken back: as when the list was split first.
    @Test func listLimitComesBeforeElementErrors() {
        var limits = SIPParseLimits()
        limits.maxListElements = 2
        var notes = [SIPParseNote(.invalidHeaderValue, "before")]
        var seen: [String] = []
        #expect {
            try SIPScanner.forEachListElement(headerValue("a, bad, c"), limits: limits, notes: &notes) {
                element,
                notes throws(SIPParseError) in
                seen.append(String(decoding: element, as: UTF8.self))
                notes.append(SIPParseNote(.invalidHeaderValue, "element"))
                if element.first == 0x62 { throw SIPParseError(.invalidHeaderValue, "bad", offset: element.startIndex) }
            }
        } throws: { error in
            (error as? SIPParseError)?.code == .limitExceeded
                && (error as? SIPParseError)?.offset == headerValueBase + 8
        }
        #expect(seen == ["a", "bad"])
        #expect(notes.map(\.message) == ["before"])
        // Within the limit the element's error is thrown, after the rest was split.
        #expect(throws: SIPParseError(.invalidHeaderValue, "bad", offset: headerValueBase + 3)) {
            var ignored: [SIPParseNote] = []
            let count = try SIPScanner.forEachListElement(headerValue("a, bad"), limits: limits, notes: &ignored) {
                element,
                _ throws(SIPParseError) in
                if element.first == 0x62 { throw SIPParseError(.invalidHeaderValue, "bad", offset: element.startIndex) }
            }
            Issue.record("no error, \(count) elements")
        }
    }

    @Test func quotedStrings() throws {
        var plain = SIPScanner(headerValue("\"Alice Smith\" rest"))
        #expect(try plain.quotedString() == "Alice Smith")
        #expect(plain.peek() == 0x20)
        var escaped = SIPScanner(headerValue("\"a\\\"b\\\\c\"x"))
        #expect(try escaped.quotedString() == "a\"b\\c")
        #expect(escaped.peek() == 0x78)
        var empty = SIPScanner(headerValue("\"\""))
        #expect(try empty.quotedString() == "")
        #expect(empty.isAtEnd)
        for text in ["\"open", "\"ends with backslash\\", "\"", "\"a\\\""] {
            var scanner = SIPScanner(headerValue(text))
            #expect(throws: SIPParseError(.invalidHeaderValue, "quoted string is not closed", offset: headerValueBase))
            {
                try scanner.quotedString()
            }
        }
    }

    @Test func commonTokensAreLiterals() {
        for token in [
            "q", "lr", "SIP", "2.0", "UDP", "TCP", "tag", "tcp", "udp", "user", "rport", "maddr", "branch", "expires",
            "received", "transport", "ACK", "BYE", "INFO", "path", "PRACK", "REFER", "timer", "CANCEL", "INVITE",
            "NOTIFY", "UPDATE", "100rel", "OPTIONS", "MESSAGE", "PUBLISH", "REGISTER", "replaces", "SUBSCRIBE",
            // Same length and first byte as a common one, or none: made from the bytes.
            "x", "ls", "SIQ", "2.1", "tax", "tcq", "rpor7", "branch2", "receives", "replacer", "Transport", "",
        ] {
            #expect(SIPText.token(headerValue(token)) == token)
        }
    }

    @Test func caseInsensitiveComparisons() {
        #expect(SIPText.equalsIgnoringCase("Branch", "bRANCH"))
        #expect(!SIPText.equalsIgnoringCase("branch", "branc"))
        #expect(!SIPText.equalsIgnoringCase("branch", "branci"))
        #expect(SIPText.equalsIgnoringCase("", ""))
        // Beyond ASCII the decision is String's lowercased(): lengths may differ, text is canonical.
        #expect(SIPText.equalsIgnoringCase("ÉTÉ", "été"))
        #expect(SIPText.equalsIgnoringCase("e\u{301}", "\u{E9}"))
        #expect(!SIPText.equalsIgnoringCase("été", "ete"))
        #expect(!SIPText.equalsIgnoringCase("ab", "aé"))
        #expect(SIPText.equalsIgnoringCase(headerValue("SiPs"), "sips"))
        #expect(!SIPText.equalsIgnoringCase(headerValue("sip"), "sips"))
        #expect(!SIPText.equalsIgnoringCase(headerValue("tem"), "tel"))
        #expect(SIPText.equals(headerValue("UDP"), "UDP"))
        #expect(!SIPText.equals(headerValue("udp"), "UDP"))
        #expect(SIPText.uppercasedString(headerValue("wss")) == "WSS")
        #expect(SIPText.uppercasedString(headerValue("Tls-x9")) == "TLS-X9")
        #expect(SIPText.uppercasedString(headerValue("UDP")) == "UDP")
        #expect(SIPText.lowercasedString(headerValue("SIPS")) == "sips")
        #expect(SIPText.lowercasedString(headerValue("x-y+z.1")) == "x-y+z.1")
        let parameters = SIPParameters([SIPParameter(name: "TAG", value: "1"), SIPParameter(name: "tag", value: "2")])
        #expect(parameters["tag"] == "1")
        #expect(parameters["Tag"] == "1")
        #expect(parameters["ta"] == nil)
    }

    @Test func ipv4Addresses() {
        for text in ["192.0.2.1", "0.0.0.0", "255.255.255.255", "001.02.3.4"] {
            #expect(SIPHost.isIPv4(headerValue(text)), "\(text)")
            #expect(SIPHost.isIPv4(text.utf8), "\(text)")
        }
        for text in [
            "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4444", "1.2.3.a", "1.2.3.-1",
        ] {
            #expect(!SIPHost.isIPv4(headerValue(text)), "\(text)")
        }
    }

    @Test func sourceTextComparesAsText() {
        let long = "sip:alice@atlanta.example.com;transport=tcp"
        let fromBytes = SIPSourceText(bytes: headerValue(long))
        let fromString = SIPSourceText(long)
        #expect(fromBytes.string == long)
        #expect(fromBytes == fromString)
        #expect(fromBytes.hashValue == fromString.hashValue)
        #expect(SIPSourceText(bytes: headerValue("short")) == SIPSourceText("short"))
        #expect(SIPSourceText(bytes: headerValue("e\u{301}")) == SIPSourceText("\u{E9}"))
        #expect(SIPSourceText(bytes: headerValue([0x61, 0xFF])).string == "a\u{FFFD}")
        #expect(SIPSourceText(bytes: headerValue(long)) != SIPSourceText(long + "x"))
        // Parsed values compare equal to the same values built in code.
        var notes: [SIPParseNote] = []
        let parsed = try? SIPURI.parse(headerValue(long), limits: .default, notes: &notes)
        var built = parsed
        built?.raw = long
        built?.opaque = String(long.dropFirst(4))
        #expect(parsed == built)
    }
}
