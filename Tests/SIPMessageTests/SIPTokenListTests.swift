import Testing

@testable import SIPMessage

@Suite struct SIPTokenListTests {
    @Test func lists() throws {
        // RFC 4475 section 3.3.5, bext01.dat.
        let require = try SIPTokenList.parse(
            headerValue("nothingSupportsThis, nothingSupportsThisEither"),
            limits: .default
        )
        #expect(require.tokens == ["nothingSupportsThis", "nothingSupportsThisEither"])
        let proxyRequire = try SIPTokenList.parse(
            headerValue("noProxiesSupportThis, norDoAnyProxiesSupportThis"),
            limits: .default
        )
        #expect(Array(proxyRequire) == ["noProxiesSupportThis", "norDoAnyProxiesSupportThis"])
        let allow = try SIPTokenList.parse(
            headerValue("INVITE,ACK ,\r\n CANCEL, OPTIONS, BYE,REFER, NOTIFY,PRACK,, UPDATE"),
            limits: .default
        )
        #expect(allow.tokens == ["INVITE", "ACK", "CANCEL", "OPTIONS", "BYE", "REFER", "NOTIFY", "PRACK", "UPDATE"])
        #expect(allow.contains("PRACK"))
        #expect(!allow.contains("prack"))
        #expect(allow.containsIgnoringCase("prack"))
        // Allow and Supported may be empty (RFC 3261 section 20.5, 20.37).
        #expect(try SIPTokenList.parse(headerValue(""), limits: .default).isEmpty)
        #expect(try SIPTokenList.parseList(headerValue("100rel"), limits: .default) == ["100rel"])
    }

    /// The usual methods and option tags come out as literals, other spellings as written,
    /// wherever the token lies in the buffer (eight bytes are read at once when there are).
    @Test func usualTokensKeepTheirSpelling() throws {
        let usual = [
            "ACK", "BYE", "INFO", "path", "gruu", "PRACK", "REFER", "timer", "100rel", "CANCEL", "INVITE", "NOTIFY",
            "UPDATE", "MESSAGE", "OPTIONS", "PUBLISH", "REGISTER", "replaces", "outbound", "histinfo", "SUBSCRIBE",
        ]
        let variants = usual.flatMap {
            [$0, $0.lowercased(), $0.uppercased(), $0 + "x", "x" + $0, String($0.dropLast())]
        }
        for token in variants {
            #expect(try SIPTokenList.parseList(headerValue(token), limits: .default) == [token])
            #expect(try SIPTokenList.parseList(headerValue(token + ", " + token), limits: .default) == [token, token])
            // The value at the very end of the message bytes, and with bytes after it.
            let bytes = Array(token.utf8)
            #expect(try SIPTokenList.parseList(bytes[...], limits: .default) == [token])
            let longer = Array((token + ",A\r\n\r\n").utf8)
            #expect(try SIPTokenList.parseList(longer[..<bytes.count], limits: .default) == [token])
        }
        let all = usual.joined(separator: ",")
        #expect(try SIPTokenList.parseList(headerValue(all), limits: .default) == usual)
    }

    @Test(arguments: [
        ("INVITE ACK", "list element 'INVITE ACK' is not a token", 6),
        ("timer, 100rel;x", "list element '100rel;x' is not a token", 13),
        ("\"quoted\"", "is not a token", 0),
        ("a, <b>", "list element '<b>' is not a token", 3),
    ])
    func malformed(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPTokenList.parse(value, limits: .default)
        }
    }

    @Test func limitAndPrefixes() {
        var limits = SIPParseLimits()
        limits.maxListElements = 2
        expectError("a, b, c", .limitExceeded, "more than 2 values", offset: 6) { value throws(SIPParseError) in
            try SIPTokenList.parse(value, limits: limits)
        }
        forEveryPrefix(of: "INVITE, ACK,\r\n BYE , x\"y, z") { value throws(SIPParseError) in
            _ = try SIPTokenList.parse(value, limits: .default)
        }
    }
}
