import Testing

@testable import SIPMessage

private func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("To: " + text).utf8)
    return bytes[4...]
}

private func parse(_ text: String) throws(SIPParseError) -> SIPNameAddress {
    try SIPNameAddress.parse(slice(text), limits: .default)
}

private func notes(_ text: String) throws -> [String] {
    var notes: [SIPParseNote] = []
    _ = try SIPNameAddress.parse(slice(text), limits: .default, notes: &notes)
    return notes.map(\.message)
}

@Suite struct SIPNameAddressTests {
    @Test func quotedDisplayName() throws {
        let address = try parse("\"Bob \\\"B\\\" Smith\" <sip:bob@biloxi.example.com;transport=tcp>;tag=a6c85cf;x")
        #expect(address.displayName == "Bob \"B\" Smith")
        #expect(address.uri.user == "bob")
        #expect(address.uri.transport == "tcp")
        #expect(address.tag == "a6c85cf")
        #expect(address.parameters.elements.map(\.name) == ["tag", "x"])
        #expect(address.isNameAddr)
        #expect(
            address.description == "\"Bob \\\"B\\\" Smith\" <sip:bob@biloxi.example.com;transport=tcp>;tag=a6c85cf;x"
        )
    }

    /// RFC 3261 section 20.10: without `<` `>` the parameters belong to the header.
    @Test func addrSpecParametersBelongToHeader() throws {
        let address = try parse("sip:caller@example.net;tag=341518;transport=tcp")
        #expect(address.displayName == nil)
        #expect(!address.isNameAddr)
        #expect(address.uri.raw == "sip:caller@example.net")
        #expect(address.uri.parameters.isEmpty)
        #expect(address.tag == "341518")
        #expect(address.parameters["transport"] == .some("tcp"))
        let bracketed = try parse("<sip:caller@example.net;transport=tcp>;tag=1")
        #expect(bracketed.uri.transport == "tcp")
        #expect(bracketed.parameters.elements == [SIPParameter(name: "tag", value: "1")])
    }

    /// RFC 4475 section 3.1.1.1, wsinv.dat: folding and LWS around separators.
    @Test func wsinv() throws {
        let to = try parse("sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n")
        #expect(to.uri.raw == "sip:vivekg@chair-dnrc.example.com")
        #expect(to.tag == "1918181833n")
        let from = try parse("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8")
        #expect(from.displayName == "J Rosenberg \\\"")
        #expect(from.tag == "98asjd8")
        let contact = try parse(
            "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n      newvalue ;\r\n  secondparam ; q = 0.33"
        )
        #expect(contact.displayName == "Quoted string \"\"")
        #expect(contact.parameters["newparam"] == .some("newvalue"))
        #expect(contact.parameters["secondparam"] == .some(nil))
        #expect(contact.q == 0.33)
    }

    /// RFC 4475 section 3.1.1.6, lwsdisp.dat: no LWS between display name and `<`.
    @Test func lwsdisp() throws {
        let address = try parse("caller<sip:caller@example.com>;tag=323")
        #expect(address.displayName == "caller")
        #expect(address.uri.user == "caller")
        #expect(address.tag == "323")
    }

    /// RFC 4475 section 3.1.1.2, intmeth.dat: token display name and unusual parameters.
    @Test func intmeth() throws {
        let from = try parse(
            "token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%=\"\u{0440}\u{0430}\u{0431}\u{043E}\u{0442}\u{0430}\u{044E}\u{0449}\u{0438}\u{0439}\";tag=_token~1'+`*%!-."
        )
        #expect(from.displayName == "token1~` token2'+_ token3*%!.-")
        #expect(from.parameters["fromParam''~+*_!.-%"] == .some("работающий"))
        #expect(from.tag == "_token~1'+`*%!-.")
        let to = try parse(
            "\"BEL:\\\u{7} NUL:\\\u{0} DEL:\\\u{7F}\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>"
        )
        #expect(to.displayName == "BEL:\u{7} NUL:\u{0} DEL:\u{7F}")
        #expect(to.uri.user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*")
        #expect(to.description.hasPrefix("\"BEL:\\\u{7} NUL:\\\u{0} DEL:\\\u{7F}\" <sip:"))
        #expect(try parse(to.description) == to.with(raw: to.description))
    }

    /// RFC 4475 section 3.1.1.3 and 3.1.1.5 (esc01.dat, esc02.dat).
    @Test func escapes() throws {
        #expect(try parse("sip:%75se%72@example.com").uri.userDecoded?.text == "user")
        let esc02 = try parse("\"%Z%45\" <sip:resource@example.com>;tag=f232jadfj23")
        #expect(esc02.displayName == "%Z%45")
        #expect(esc02.tag == "f232jadfj23")
    }

    /// RFC 4475 section 3.3.4, unksm2.dat: other schemes in To, From, Contact.
    @Test func unksm2() throws {
        #expect(try parse("isbn:2983792873").uri.opaque == "2983792873")
        let from = try parse("<http://www.example.com>;tag=3234233")
        #expect(from.uri.scheme == "http")
        #expect(from.tag == "3234233")
        #expect(try parse("<name:John_Smith>").uri.opaque == "John_Smith")
        #expect(try parse("tel:+1234;tag=9").uri.telephoneNumber == "+1234")
    }

    /// RFC 5118 ipv6-good, ipv4-mapped-ipv6.
    @Test func ipv6() throws {
        #expect(try parse("\"Caller\" <sip:caller@[2001:db8::1]>").uri.host == .ipv6("[2001:db8::1]"))
        let mapped = try parse("\"T. desk phone\" <sip:ted@[::ffff:192.0.2.2]>")
        #expect(mapped.displayName == "T. desk phone")
        #expect(mapped.uri.host?.address == "::ffff:192.0.2.2")
        #expect(try parse("sip:user@[2001:db8::10];tag=1").uri.host == .ipv6("[2001:db8::10]"))
    }

    /// Liberal acceptance with notes: RFC 4475 sections 3.1.2.13 (regbadct.dat), 3.1.2.14 (badaspec.dat),
    /// 3.1.2.15 (baddn.dat), 3.1.1.9 (a user part with ';' outside brackets).
    @Test func liberalWithNotes() throws {
        let regbadct = try parse("sip:user@example.com?Route=%3Csip:sip.example.com%3E")
        #expect(regbadct.uri.headers.first?.name == "Route")
        #expect(try notes("sip:user@example.com?Route=%3Csip:sip.example.com%3E").first?.contains("'?'") == true)
        let badaspec = try parse("\"Watson, Thomas\" < sip:t.watson@example.org >")
        #expect(badaspec.uri.raw == "sip:t.watson@example.org")
        #expect(badaspec.displayName == "Watson, Thomas")
        #expect(try notes("\"Watson, Thomas\" < sip:t.watson@example.org >").first?.contains("3.1.2.14") == true)
        let baddn = try parse("Bell, Alexander <sip:a.g.bell@example.com>;tag=43")
        #expect(baddn.displayName == "Bell, Alexander")
        #expect(baddn.tag == "43")
        #expect(try notes("Bell, Alexander <sip:a.g.bell@example.com>;tag=43").first?.contains("3.1.2.15") == true)
        let semi = try parse("sip:user;par=u%40example.net@example.com;tag=1")
        #expect(semi.uri.user == "user;par=u%40example.net")
        #expect(semi.tag == "1")
        #expect(try notes("sip:user;par=u%40example.net@example.com;tag=1").count == 1)
        #expect(try notes("\"A\" <sip:a@example.com>;tag=1").isEmpty)
    }

    @Test func parsesLists() throws {
        let list = try SIPNameAddress.parseList(
            slice("\"a, b\" <sip:x@example.com;p=1,2>;tag=3 , <sip:z@example.com>,sip:y@example.com;q=0.5"),
            limits: .default
        )
        #expect(list.map(\.uri.raw) == ["sip:x@example.com;p=1,2", "sip:z@example.com", "sip:y@example.com"])
        #expect(list.first?.displayName == "a, b")
        #expect(list.last?.q == 0.5)
        // RFC 3261 section 20.10: an addr-spec cannot hold a comma, so it separates values.
        #expect(throws: SIPParseError.self) {
            try SIPNameAddress.parseList(slice("sip:a,b@example.com"), limits: .default)
        }
        // RFC 4475 section 3.1.2.15: unquoted comma in a display name splits the list.
        #expect(throws: SIPParseError.self) {
            try SIPNameAddress.parseList(slice("Bell, Alexander <sip:a.g.bell@example.com>"), limits: .default)
        }
        var limits = SIPParseLimits()
        limits.maxListElements = 2
        #expect {
            try SIPNameAddress.parseList(slice("<sip:a@b>, <sip:c@d>, <sip:e@f>"), limits: limits)
        } throws: { error in
            (error as? SIPParseError)?.code == .limitExceeded
        }
    }

    @Test func accessors() throws {
        let address = try parse("<sip:a@b>;expires=4294967295;q=1.000;tag")
        #expect(address.expires == 4_294_967_295)
        #expect(address.q == 1)
        #expect(address.tag == nil)
        #expect(try parse("<sip:a@b>;expires=4294967296").expires == nil)
        #expect(try parse("<sip:a@b>;q=0").q == 0)
        #expect(try parse("<sip:a@b>;q=0.125").q == 0.125)
        #expect(try parse("<sip:a@b>;q=0.1255").q == nil)
        #expect(try parse("<sip:a@b>;q=1.5").q == nil)
        #expect(try parse("<sip:a@b>;q=2").q == nil)
        #expect(try parse("<sip:a@b>;q=.5").q == nil)
    }

    /// Malformed addresses with their code and reason fragment.
    @Test(arguments: [
        ("", SIPParseError.Code.invalidHeaderValue, "empty address"),
        ("\"Mr. J. User <sip:j.user@example.com>", .invalidHeaderValue, "quoted string is not closed"),  // quotbal.dat
        ("\"Joe\" <sip:joe@example.org>;;;;", .invalidHeaderValue, "expected a parameter name"),  // badinv01.dat
        ("\"Joe\" sip:joe@example.org", .invalidHeaderValue, "expected '<' after the quoted display name"),
        ("<sip:joe@example.org", .invalidHeaderValue, "without a closing '>'"),
        ("<sip:joe@example.org> junk", .invalidHeaderValue, "unexpected 'j' after the address"),
        ("sip:joe@example.org junk", .invalidHeaderValue, "unexpected 'j' after the address"),
        ("<sip:joe@example.org>, <sip:b@c>", .invalidHeaderValue, "unexpected ','"),
        ("<>", .invalidURI, "empty URI"),
        ("Bob sip:bob@example.com", .invalidURI, "has no scheme"),
        ("<sip:2001:db8::10>", .invalidURI, "RFC 5118 section 4.2"),
        ("<sip:a@b c>", .invalidURI, "white space inside URI"),
    ])
    func rejects(text: String, code: SIPParseError.Code, fragment: String) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == code && error.reason.contains(fragment) && (error.offset ?? -1) >= 4
        }
    }

    @Test func everyPrefix() {
        let samples = [
            "\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8",
            "token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%=\"x\";tag=_token~1'+`*%!-.",
            "sip:user;par=u%40example.net@example.com;tag=1, <sips:[::1]:5061;lr>;q=0.5;expires=60",
            "Bell, Alexander <sip:a.g.bell@example.com>;tag=43",
        ]
        for sample in samples {
            let bytes = Array(sample.utf8)
            for length in 0...bytes.count {
                var notes: [SIPParseNote] = []
                _ = try? SIPNameAddress.parse(bytes[0..<length], limits: .default, notes: &notes)
                _ = try? SIPNameAddress.parseList(bytes[length...], limits: .default, notes: &notes)
                _ = try? SIPContact.parseList(bytes[0..<length], limits: .default)
            }
        }
    }
}

extension SIPNameAddress {
    fileprivate func with(raw: String) -> SIPNameAddress {
        var copy = self
        copy.raw = raw
        return copy
    }
}
