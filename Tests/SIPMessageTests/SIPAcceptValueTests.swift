import Testing

@testable import SIPMessage

@Suite struct SIPAcceptValueTests {
    @Test func accept() throws {
        // RFC 4475 section 3.3.15, sdp01.dat.
        #expect(
            try SIPAcceptValue.parseList(headerValue("text/nobodyKnowsThis"), limits: .default)
                == [SIPAcceptValue(value: "text/nobodyKnowsThis")]
        )
        let list = try SIPAcceptValue.parseList(
            headerValue("application/sdp;level=1, application/x-private\r\n , text / html ;q=0.5, */*;q=0"),
            limits: .default
        )
        #expect(list.map(\.value) == ["application/sdp", "application/x-private", "text/html", "*/*"])
        #expect(list.map(\.qValue) == [nil, nil, 0.5, 0])
        #expect(list.first?.parameters["level"] == .some("1"))
        #expect(try SIPAcceptValue.parseList(headerValue(""), limits: .default).isEmpty)
    }

    @Test func encodingAndLanguage() throws {
        // RFC 3261 section 20.2 and 20.3 examples.
        #expect(try SIPAcceptValue.parseList(headerValue("gzip"), limits: .default).map(\.value) == ["gzip"])
        let languages = try SIPAcceptValue.parseList(headerValue("da, en-gb;q=0.8, en;q=0.7, x;q=2"), limits: .default)
        #expect(languages.map(\.value) == ["da", "en-gb", "en", "x"])
        #expect(languages.map(\.qValue) == [nil, 0.8, 0.7, nil])
    }

    @Test(arguments: [
        (";q=1", "expected a media range, coding or language", 0),
        ("text/", "expected a media range, coding or language", 0),
        ("text/html x", "unexpected 'x' after an Accept element", 10),
        ("a, \"b\"", "expected a media range", 3),
        ("text/html;q=\"1", "quoted string is not closed", 12),
    ])
    func malformed(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPAcceptValue.parseList(value, limits: .default)
        }
    }

    @Test func everyPrefix() {
        forEveryPrefix(of: "application/sdp;level=1, text / html ;q=0.5, */*") { value throws(SIPParseError) in
            _ = try SIPAcceptValue.parseList(value, limits: .default)
        }
    }
}
