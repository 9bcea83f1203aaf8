import Testing

@testable import SIPMessage

private func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("Contact: " + text).utf8)
    return bytes[9...]
}

private func parse(_ text: String) throws(SIPParseError) -> SIPContact {
    try SIPContact.parseList(slice(text), limits: .default)
}

@Suite struct SIPContactTests {
    @Test func wildcard() throws {
        #expect(try parse("*") == .wildcard)
        #expect(try parse(" * ").isWildcard)
        #expect(try parse("*").addresses.isEmpty)
        #expect(SIPContact.wildcard.description == "*")
    }

    @Test func addressesWithExpiresAndQ() throws {
        let contact = try parse(
            "<sip:a@example.com>;expires=3600;q=0.7, \"B\" <sip:b@example.com;transport=tcp>;q=1, sip:c@example.com;expires=0"
        )
        #expect(contact.addresses.map(\.expires) == [3600, nil, 0])
        #expect(contact.addresses.map(\.q) == [0.7, 1, nil])
        #expect(contact.addresses.map(\.uri.user) == ["a", "b", "c"])
        #expect(!contact.isWildcard)
        #expect(
            contact.description
                == "<sip:a@example.com>;expires=3600;q=0.7, \"B\" <sip:b@example.com;transport=tcp>;q=1, <sip:c@example.com>;expires=0"
        )
    }

    /// RFC 4475 sections 3.3.12 (cparam01.dat), 3.3.13 (cparam02.dat), 3.3.14 (regescrt.dat),
    /// 3.1.1.3 (esc01.dat, folded), 3.1.1.5 (esc02.dat).
    @Test func tortureValues() throws {
        let cparam01 = try parse("sip:+19725552222@gw1.example.net;unknownparam")
        #expect(cparam01.addresses.first?.parameters.contains("unknownparam") == true)
        #expect(cparam01.addresses.first?.uri.parameters.isEmpty == true)
        let cparam02 = try parse("<sip:+19725552222@gw1.example.net;unknownparam>")
        #expect(cparam02.addresses.first?.uri.parameters.contains("unknownparam") == true)
        #expect(cparam02.addresses.first?.parameters.isEmpty == true)
        let regescrt = try parse("<sip:user@example.com?Route=%3Csip:sip.example.com%3E>")
        #expect(
            regescrt.addresses.first?.uri.headers == [SIPParameter(name: "Route", value: "%3Csip:sip.example.com%3E")]
        )
        let esc01 = try parse("\r\n  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>")
        #expect(esc01.addresses.first?.uri.decodedParameters["name"] == .some("value%41"))
        #expect(try parse("<sip:alias1@host1.example.com>").addresses.count == 1)
        #expect(try parse("<sip:%00%00@host5.example.com>").addresses.first?.uri.userDecoded?.bytes == [0, 0])
    }

    /// RFC 4475 section 3.1.2.4, scalar02.dat: an overlarge expires is noted (RFC 3261 section 20.10: treat as 3600).
    @Test func overlargeExpires() throws {
        var notes: [SIPParseNote] = []
        let contact = try SIPContact.parseList(
            slice("<sip:user@host129.example.com>\r\n  ;expires=280297596632815"),
            limits: .default,
            notes: &notes
        )
        #expect(contact.addresses.first?.expires == nil)
        #expect(
            notes.map(\.message) == [
                "Contact expires '280297596632815' is larger than 2**32-1; treated as 3600 (RFC 3261 section 20.10)"
            ]
        )
        notes = []
        _ = try SIPContact.parseList(slice("<sip:a@b>;expires=soon;q=2"), limits: .default, notes: &notes)
        #expect(notes.count == 2)
    }

    @Test(arguments: [
        ("", SIPParseError.Code.invalidHeaderValue, "empty Contact header"),
        ("*, <sip:a@b>", .invalidHeaderValue, "'*' must be the only value"),
        ("<sip:a@b>, *", .invalidHeaderValue, "'*' must be the only value"),
        ("*;expires=0", .invalidHeaderValue, "'*' must be the only value"),
        ("\"Joe\" <sip:joe@example.org>;;;;", .invalidHeaderValue, "expected a parameter name"),  // badinv01.dat
        ("<sip:a@b>;q=\"0.5", .invalidHeaderValue, "quoted string is not closed"),
        ("sip:a@b c", .invalidHeaderValue, "unexpected 'c'"),
    ])
    func rejects(text: String, code: SIPParseError.Code, fragment: String) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == code && error.reason.contains(fragment) && (error.offset ?? -1) >= 9
        }
    }

    /// RFC 4475 section 3.1.2.13, regbadct.dat: an addr-spec with an escaped header is accepted with a note.
    @Test func regbadct() throws {
        var notes: [SIPParseNote] = []
        let contact = try SIPContact.parseList(
            slice("sip:user@example.com?Route=%3Csip:sip.example.com%3E"),
            limits: .default,
            notes: &notes
        )
        #expect(contact.addresses.first?.uri.headers.count == 1)
        #expect(notes.count == 1)
    }
}
