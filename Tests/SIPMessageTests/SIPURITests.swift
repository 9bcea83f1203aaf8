import Testing

@testable import SIPMessage

/// The bytes of `text` as a slice that does not start at 0, as header values do in a message.
private func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("Header: " + text).utf8)
    return bytes[8...]
}

private func parse(_ text: String) throws(SIPParseError) -> SIPURI {
    try SIPURI.parse(slice(text), limits: .default)
}

private func notes(_ text: String) throws -> [SIPParseNote] {
    var notes: [SIPParseNote] = []
    _ = try SIPURI.parse(slice(text), limits: .default, notes: &notes)
    return notes
}

@Suite struct SIPURITests {
    @Test func parsesAllComponents() throws {
        let uri = try parse(
            "SIP:alice:secret@Atlanta.example.com:5061;transport=TCP;lr;maddr=239.255.255.1?subject=x&h="
        )
        #expect(uri.scheme == "sip")
        #expect(uri.opaque == "alice:secret@Atlanta.example.com:5061;transport=TCP;lr;maddr=239.255.255.1?subject=x&h=")
        #expect(uri.user == "alice")
        #expect(uri.password == "secret")
        #expect(uri.host == .name("Atlanta.example.com"))
        #expect(uri.port == 5061)
        #expect(
            uri.parameters.elements == [
                SIPParameter(name: "transport", value: "TCP"), SIPParameter(name: "lr", value: nil),
                SIPParameter(name: "maddr", value: "239.255.255.1"),
            ]
        )
        #expect(uri.headers == [SIPParameter(name: "subject", value: "x"), SIPParameter(name: "h", value: "")])
        #expect(uri.transport == "TCP")
        #expect(uri.maddr == "239.255.255.1")
        #expect(uri.isLooseRouter)
        #expect(!uri.isSecure)
        #expect(uri.telephoneNumber == nil)
        #expect(
            uri.raw == "SIP:alice:secret@Atlanta.example.com:5061;transport=TCP;lr;maddr=239.255.255.1?subject=x&h="
        )
        #expect(
            uri.description
                == "SIP:alice:***@Atlanta.example.com:5061;transport=TCP;lr;maddr=239.255.255.1?subject=x&h="
        )
    }

    @Test func minimalAndSecure() throws {
        let uri = try parse("sips:example.com")
        #expect(uri.isSecure)
        #expect(uri.isSIP)
        #expect(uri.user == nil)
        #expect(uri.password == nil)
        #expect(uri.host == .name("example.com"))
        #expect(uri.port == nil)
        #expect(uri.parameters.isEmpty)
        #expect(uri.headers.isEmpty)
        #expect(uri.description == "sips:example.com")
        #expect(SIPURI("sip:bob@192.0.2.4")?.host == .ipv4("192.0.2.4"))
        #expect(SIPURI("sip:bob@192.0.2.4 ") == nil)
    }

    /// RFC 4475 section 3.1.1.3, esc01.dat: escaped user parts and URI parameters.
    @Test func esc01() throws {
        let requestURI = try parse("sip:sips%3Auser%40example.com@example.net")
        #expect(requestURI.user == "sips%3Auser%40example.com")
        #expect(requestURI.userDecoded?.text == "sips:user@example.com")
        #expect(requestURI.host == .name("example.net"))
        #expect(try parse("sip:%75se%72@example.com").userDecoded?.text == "user")
        #expect(try parse("sip:I%20have%20spaces@example.net").userDecoded?.text == "I have spaces")
        let contact = try parse("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31")
        #expect(contact.userDecoded?.text == "caller")
        #expect(contact.parameters.elements.map(\.name) == ["%6C%72", "n%61me"])
        #expect(contact.isLooseRouter)
        #expect(contact.decodedParameters["name"] == .some("value%41"))
        #expect(try notes("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31").isEmpty)
    }

    /// RFC 4475 section 3.1.1.4, escnull.dat: `%00` in user parts.
    @Test func escnull() throws {
        let uri = try parse("sip:null-%00-null@example.com")
        #expect(uri.userDecoded?.bytes == Array("null-".utf8) + [0] + Array("-null".utf8))
        #expect(try parse("sip:%00%00@host5.example.com").userDecoded?.bytes == [0, 0])
    }

    /// RFC 4475 section 3.1.1.9, semiuri.dat: the user is `user;par=u@example.net`.
    @Test func semiuri() throws {
        let uri = try parse("sip:user;par=u%40example.net@example.com")
        #expect(uri.user == "user;par=u%40example.net")
        #expect(uri.userDecoded?.text == "user;par=u@example.net")
        #expect(uri.host == .name("example.com"))
        #expect(uri.parameters.isEmpty)
    }

    /// RFC 4475 section 3.1.1.2, intmeth.dat: the unusual Request-URI with user and password.
    @Test func intmeth() throws {
        let uri = try parse(
            "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com"
        )
        #expect(uri.user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*")
        #expect(uri.password == "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)")
        #expect(uri.host == .name("example.com"))
        #expect(uri.description == "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:***@example.com")
        #expect(
            try notes(
                "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com"
            ).isEmpty
        )
    }

    /// RFC 4475 section 3.1.2.11, escruri.dat: headers in a Request-URI parse; refusing them is the caller's choice.
    @Test func escruri() throws {
        let uri = try parse("sip:user@example.com?Route=%3Csip:example.com%3E")
        #expect(uri.headers == [SIPParameter(name: "Route", value: "%3Csip:example.com%3E")])
        #expect(SIPURI.decoded(uri.headers.first?.value ?? "").text == "<sip:example.com>")
    }

    /// RFC 4475 section 3.1.1.7, longreq.dat: long parameter names and values.
    @Test func longreq() throws {
        let long =
            "sip:user@example.com:6000;unknownparam1=verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglongvalue;longparamnamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamename=shortvalue;verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglongParameterNameWithNoValue"
        let uri = try parse(long)
        #expect(uri.port == 6000)
        #expect(uri.parameters.count == 3)
        #expect(uri.parameters.last?.value == nil)
    }

    /// RFC 4475 sections 3.3.2 to 3.3.4 (unkscm.dat, novelsc.dat, unksm2.dat): other schemes are opaque.
    @Test func otherSchemes() throws {
        let unknown = try parse("nobodyKnowsThisScheme:totallyopaquecontent")
        #expect(unknown.scheme == "nobodyknowsthisscheme")
        #expect(unknown.opaque == "totallyopaquecontent")
        #expect(unknown.host == nil)
        #expect(try parse("soap.beep://192.0.2.103:3002").opaque == "//192.0.2.103:3002")
        #expect(try parse("isbn:2983792873").scheme == "isbn")
        #expect(try parse("http://www.example.com").opaque == "//www.example.com")
        #expect(try parse("name:John_Smith").opaque == "John_Smith")
        #expect(try parse("urn:service:sos").opaque == "service:sos")
        #expect(try parse("mailto:a@b.example").opaque == "a@b.example")
    }

    /// RFC 3966 tel URIs.
    @Test func tel() throws {
        let global = try parse("tel:+1-201-555-0123;ext=1234;isub=5")
        #expect(global.scheme == "tel")
        #expect(global.telephoneNumber == "+1-201-555-0123")
        #expect(global.parameters["ext"] == .some("1234"))
        #expect(global.host == nil)
        #expect(try notes("tel:+1-201-555-0123").isEmpty)
        let local = try parse("tel:7042;phone-context=example.com")
        #expect(local.telephoneNumber == "7042")
        #expect(local.parameters["phone-context"] == .some("example.com"))
        #expect(try notes("tel:*21#;phone-context=+1").isEmpty)
        #expect(
            try notes("tel:7042").map(\.message) == [
                "local number '7042' without phone-context (RFC 3966 section 5.1.5)"
            ]
        )
    }

    /// RFC 5118 sections 4.1, 4.3, 4.4, 4.9, 4.10: bracketed IPv6 references.
    @Test func ipv6References() throws {
        #expect(try parse("sip:[2001:db8::10]").host == .ipv6("[2001:db8::10]"))
        #expect(try parse("sip:[2001:db8::10]").host?.address == "2001:db8::10")
        let ambiguous = try parse("sip:[2001:db8::10:5070]")
        #expect(ambiguous.host == .ipv6("[2001:db8::10:5070]"))
        #expect(ambiguous.port == nil)
        let unambiguous = try parse("sip:[2001:db8::10]:5070")
        #expect(unambiguous.host == .ipv6("[2001:db8::10]"))
        #expect(unambiguous.port == 5070)
        #expect(try parse("sip:caller@[2001:db8::1]").user == "caller")
        #expect(try parse("sip:ted@[::ffff:192.0.2.2]").host == .ipv6("[::ffff:192.0.2.2]"))
        #expect(try notes("sip:user@[2001:db8::192.0.2.1]").isEmpty)
        let threeColons = try notes("sip:user@[2001:db8:::192.0.2.1]")
        #expect(threeColons.count == 1)
        #expect(threeColons.first?.message.contains("RFC 5118 section 4.10") == true)
        for valid in ["[::]", "[::1]", "[1::]", "[1:2:3:4:5:6:7:8]", "[1:2:3:4:5:6:1.2.3.4]", "[fe80::1:2]"] {
            #expect(throws: Never.self) { try parse("sip:" + valid) }
        }
    }

    @Test func hostNotes() throws {
        #expect(try notes("sip:a@my_host.example.com").count == 1)
        #expect(try notes("sip:a@example.com.").isEmpty)
        #expect(try notes("sip:*21#@example.com").first?.message.contains("'#'") == true)
        #expect(try notes("sip:a%zz@example.com").first?.message.contains("'%' not followed by two hex digits") == true)
        #expect(try parse("sip:a%zz@example.com").userDecoded?.invalidEscapeOffsets == [1])
    }

    /// Malformed URIs, each with its code and a fragment of the reason.
    @Test(arguments: [
        ("", SIPParseError.Code.invalidURI, "empty URI"),
        ("sip:user@example.com; lr", .invalidURI, "white space inside URI"),  // RFC 4475 section 3.1.2.8, lwsruri.dat
        ("<sip:user@example.com>", .invalidURI, "enclosed in '<' '>'"),  // RFC 4475 section 3.1.2.7, ltgtruri.dat
        ("sip:2001:db8::10", .invalidURI, "must be enclosed in '[' ']' (RFC 5118 section 4.2)"),  // RFC 5118 ipv6-bad
        ("sip:user@example.com:70000", .invalidURI, "port '70000' is larger than 65535"),
        ("sip:user@example.com:99999999999999999999999", .invalidURI, "is larger than 65535"),
        ("sip:user@example.com:", .invalidURI, "has no port number"),
        ("sip:user@example.com:5o60", .invalidURI, "port '5o60' is not a number"),
        ("user@example.com", .invalidURI, "has no scheme"),
        ("1sip:a@b", .invalidURI, "invalid URI scheme"),
        ("sip:", .invalidURI, "missing host"),
        ("sip:user@", .invalidURI, "missing host"),
        ("sip:@example.com", .invalidURI, "empty user part"),
        ("sip:a@b;;lr", .invalidURI, "empty URI parameter"),
        ("sip:a@b;", .invalidURI, "empty URI parameter"),
        ("sip:a@b;=1", .invalidURI, "URI parameter with no name"),
        ("sip:a@b?", .invalidURI, "empty URI header"),
        ("sip:a@b?x=1&", .invalidURI, "empty URI header"),
        ("sip:a@[2001:db8::1", .invalidURI, "no closing ']'"),
        ("sip:a@[2001:db8::1]x", .invalidURI, "unexpected 'x' after host"),
        ("sip:a@[2001:db8:1]", .invalidURI, "3 groups of 16 bits"),
        ("sip:a@[1::2::3]", .invalidURI, "more than one '::'"),
        ("sip:a@[12345::1]", .invalidURI, "is not 1 to 4 hex digits"),
        ("sip:a@[:1::2]", .invalidURI, "starts with a single ':'"),
        ("sip:a@[1::2:]", .invalidURI, "ends with a single ':'"),
        ("sip:a@[1::g]", .invalidURI, "character 'g' is not allowed"),
        ("sip:a@[::1.2.3]", .invalidURI, "bad IPv4 part"),
        ("sip:a@256.1.1.1", .invalidURI, "is not a valid IPv4 address"),
        ("sip:a@1.2.3", .invalidURI, "is not a valid IPv4 address"),
        ("sip:a@exa..mple.com", .invalidURI, "empty label"),
        ("sip:a@.example.com", .invalidURI, "empty label"),
        ("sip:a@exa!mple.com", .invalidURI, "character '!' is not allowed in host name"),
        ("sip:a<b@example.com", .invalidURI, "character '<' is not allowed in user part"),
        ("sip:a\"b@example.com", .invalidURI, "character '\"' is not allowed in user part"),
        ("sip:a@example.com\u{7}", .invalidURI, "control character byte 0x07"),
        ("tel:", .invalidURI, "tel URI has no number"),
        ("tel:+", .invalidURI, "has no digit"),
        ("tel:+1-2x", .invalidURI, "character 'x' is not allowed in telephone number"),
        ("tel:12+3", .invalidURI, "character '+' is not allowed in telephone number"),
        ("urn:a<b", .invalidURI, "character '<' is not allowed in URI"),
    ])
    func rejects(text: String, code: SIPParseError.Code, fragment: String) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == code && error.reason.contains(fragment) && (error.offset ?? -1) >= 8
        }
    }

    @Test func reportsOffsets() {
        // "Header: " is 8 bytes: the space of "; lr" is at 8 + 21.
        #expect(throws: SIPParseError.self) { try parse("sip:user@example.com; lr") }
        do {
            _ = try parse("sip:user@example.com; lr")
        } catch {
            #expect(error.offset == 8 + 21)
        }
        do {
            _ = try parse("sip:a@b:70000")
        } catch {
            #expect(error.offset == 8 + 8)
        }
    }

    @Test func limitsParameters() {
        var limits = SIPParseLimits()
        limits.maxParameters = 2
        #expect {
            try SIPURI.parse(slice("sip:a@b;x;y;z"), limits: limits)
        } throws: { error in
            (error as? SIPParseError)?.code == .limitExceeded
        }
        #expect(throws: Never.self) { try SIPURI.parse(slice("sip:a@b;x;y"), limits: limits) }
    }

    @Test func percentDecoding() {
        let decoded = SIPURI.decoded("a%41%4a%zz%4")
        #expect(decoded.text == "aAJ%zz%4")
        #expect(decoded.invalidEscapeOffsets == [7, 10])
        #expect(!decoded.isValid)
        #expect(SIPURI.decoded("%C3%A9").text == "é")
        #expect(SIPURI.decoded("%C3%A9").isValidUTF8)
        #expect(!SIPURI.decoded("%FF").isValidUTF8)
        #expect(SIPURI.decoded("").bytes.isEmpty)
    }

    /// Every prefix of valid URIs either parses or throws; none traps.
    @Test func everyPrefix() {
        let samples = [
            "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com",
            "sips:alice:pw@[2001:db8:::192.0.2.1]:5061;transport=tls;lr?Replaces=a%40b%3Bto-tag%3D1&x=y",
            "sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31",
            "tel:+1-201-555-0123;ext=1234",
            "soap.beep://192.0.2.103:3002",
        ]
        for sample in samples {
            let bytes = Array(sample.utf8)
            for length in 0...bytes.count {
                var notes: [SIPParseNote] = []
                _ = try? SIPURI.parse(bytes[0..<length], limits: .default, notes: &notes)
                _ = try? SIPURI.parse(bytes[length...], limits: .default, notes: &notes)
            }
        }
    }
}
