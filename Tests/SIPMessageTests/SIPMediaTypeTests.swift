import Testing

@testable import SIPMessage

@Suite struct SIPMediaTypeTests {
    private func parse(_ text: String, limits: SIPParseLimits = .default) throws(SIPParseError) -> SIPMediaType {
        try SIPMediaType.parse(text, limits: limits)
    }

    /// Content-Type values from RFC 4475 (sdp01.dat, mpart01.dat, invut.dat) and the pjproject seeds.
    @Test(arguments: [
        ("application/sdp", "application", "sdp", [SIPParameter]()),
        ("Application/SDP", "application", "sdp", []),
        (" aPPlication/sDp\t", "application", "sdp", []),
        ("application/sdp;x=1", "application", "sdp", [SIPParameter(name: "x", value: "1")]),
        ("application/sdpx", "application", "sdpx", []),
        ("application/sd", "application", "sd", []),
        ("application/unknownformat", "application", "unknownformat", []),
        (
            "multipart/mixed;boundary=7a9cbec02ceef655", "multipart", "mixed",
            [SIPParameter(name: "boundary", value: "7a9cbec02ceef655")]
        ),
        (
            "multipart/alternative;boundary=\"----=_Part_123\"", "multipart", "alternative",
            [SIPParameter(name: "boundary", value: "----=_Part_123")]
        ),
        ("text/html ; charset=ISO-8859-4", "text", "html", [SIPParameter(name: "charset", value: "ISO-8859-4")]),
        ("text / plain", "text", "plain", []),
        (
            "multipart/mixed; boundary=----=_Part_0_1.2; x", "multipart", "mixed",
            [SIPParameter(name: "boundary", value: "----=_Part_0_1.2"), SIPParameter(name: "x", value: nil)]
        ),
        (
            "multipart/related;type=\"application/sdp\";boundary=\"a\\\"b\"", "multipart", "related",
            [SIPParameter(name: "type", value: "application/sdp"), SIPParameter(name: "boundary", value: "a\"b")]
        ),
    ])
    func parsesValidValues(text: String, type: String, subtype: String, parameters: [SIPParameter]) throws {
        let mediaType = try parse(text)
        #expect(mediaType.type == type)
        #expect(mediaType.subtype == subtype)
        #expect(mediaType.parameters == SIPParameters(parameters))
    }

    @Test func accessorsAndMatching() throws {
        let mediaType = try parse("Multipart/Mixed; Boundary=\"AbC d\"; CHARSET=utf-8")
        #expect(mediaType.essence == "multipart/mixed")
        #expect(mediaType.boundary == "AbC d")
        #expect(mediaType.charset == "utf-8")
        #expect(mediaType.isMultipart)
        #expect(!mediaType.isSDP)
        #expect(mediaType.matches("MULTIPART/mixed"))
        #expect(mediaType.matches("multipart/*"))
        #expect(!mediaType.matches("multipart/alternative"))
        #expect(!mediaType.matches("text/*"))
        #expect(mediaType.description == "multipart/mixed;Boundary=\"AbC d\";CHARSET=utf-8")
        #expect(try parse("application/sdp").isSDP)
    }

    @Test func offsetsAreMessageOffsets() {
        let message = Array("Content-Type: text/plain x".utf8)
        #expect {
            _ = try SIPMediaType.parse(message[14...], limits: .default)
        } throws: { error in
            (error as? SIPParseError)?.offset == 25
        }
    }

    @Test(arguments: [
        ("", SIPParseError.Code.invalidHeaderValue, "expected a media type"),
        ("application", .invalidHeaderValue, "expected '/'"),
        ("application/", .invalidHeaderValue, "expected a media subtype"),
        ("/sdp", .invalidHeaderValue, "expected a media type"),
        ("text/plain;", .invalidHeaderValue, "expected a parameter name"),
        ("text/plain;charset=", .invalidHeaderValue, "has no value after '='"),
        ("text/plain x", .invalidHeaderValue, "unexpected characters"),
        ("text/plain;a=\"unclosed", .invalidHeaderValue, "quoted string is not closed"),
        ("text/plain, text/html", .invalidHeaderValue, "unexpected characters"),
    ])
    func rejectsMalformedValues(text: String, code: SIPParseError.Code, fragment: String) {
        #expect {
            _ = try parse(text)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == code && error.reason.contains(fragment)
        }
    }

    @Test func capsParameters() {
        var limits = SIPParseLimits()
        limits.maxParameters = 3
        #expect((try? parse("text/plain;a;b;c", limits: limits)) != nil)
        #expect {
            _ = try parse("text/plain;a;b;c;d", limits: limits)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == .limitExceeded && error.reason.contains("maxParameters")
        }
    }

    @Test func everyPrefixParsesOrThrows() {
        let value = Array("multipart/alternative ; boundary=\"----=_Part_123\";charset=utf-8".utf8)
        for length in 0...value.count {
            do {
                _ = try SIPMediaType.parse(value[..<length], limits: .default)
            } catch {
                #expect(error.code == .invalidHeaderValue)
            }
        }
    }
}

extension SIPMediaTypeTests {
    /// Type and subtype are folded byte by byte while parsing (RFC 2045 section 5.1).
    @Test func lowercasesWhileParsing() throws {
        let type = try SIPMediaType.parse("Application/SDP;Charset=UTF-8")
        #expect(type.type == "application" && type.subtype == "sdp")
        #expect(type.isSDP)
        #expect(type.parameters.first?.name == "Charset")
        #expect(type.matches("APPLICATION/*") && type.matches("application/Sdp") && !type.matches("application"))
        #expect(!type.matches("text/sdp") && !type.matches("application/sdpx"))
    }
}
