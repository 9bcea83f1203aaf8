import Testing

@testable import SIPMessage

/// The typed accessors on whole torture messages, with the values RFC 4475 describes.
@Suite struct TypedHeaderAccessTests {
    private func message(_ file: String, _ folder: String = "rfc4475") throws -> SIPMessage {
        try SIPMessage(parsing: TortureFixtures.bytes(folder, file))
    }

    @Test func esc02HasTwoContactsNotThree() throws {
        // RFC 4475 section 3.1.1.5: "C%6Fntact" is an unknown header, not a third Contact.
        let contacts = try message("esc02.dat").contacts().flatMap(\.addresses)
        #expect(contacts.count == 2)
        #expect(try message("esc02.dat").method == SIPMethod("RE%47IST%45R"))
    }

    @Test func wsinvFoldedAndSpacedValues() throws {
        let parsed = try message("wsinv.dat")
        let via = try parsed.via()
        // One Via header, then a "v:" header with two comma-separated values (RFC 4475 section 3.1.1.1).
        #expect(via.count == 3)
        #expect(via.map(\.transport) == ["UDP", "TCP", "UDP"])
        #expect(via[1].branch == "z9hG4bK9ikj8")
        #expect(try parsed.cseq() == SIPCSeq(number: 9, method: "INVITE"))
        #expect(try parsed.maxForwards()?.value == 68)
        #expect(try parsed.to()?.displayName == nil)
        #expect(try parsed.to()?.tag == "1918181833n")
        #expect(try parsed.from()?.tag == "98asjd8")
    }

    @Test func sdpBodyAndCodecs() throws {
        let (body, _) = try message("sdp01.dat").parsedBody()
        let session = try #require(body.sdp)
        #expect(session.media.map(\.mediaType) == ["audio", "video"])
        #expect(session.media.first?.port == 49217)
    }

    @Test func ipv6ReferencesAreBracketed() throws {
        let parsed = try message("ipv6-good", "rfc5118")
        let uri = try #require(try parsed.parsedRequestURI())
        #expect(uri.host == .ipv6("[2001:db8::10]"))
        #expect(try parsed.topVia()?.host == .ipv6("[2001:db8::9:1]"))
    }

    @Test func credentialsNeverShowTheirSecrets() throws {
        let parsed = try SIPMessage(
            parsing:
                "REGISTER sip:example.com SIP/2.0\r\nAuthorization: Digest username=\"bob\", realm=\"example.com\", "
                + "nonce=\"abc\", uri=\"sip:example.com\", response=\"0123456789abcdef0123456789abcdef\", cnonce=\"c0ffee\", "
                + "qop=auth, nc=00000001\r\nContent-Length: 0\r\n\r\n"
        )
        let credentials = try #require(try parsed.credentials().first)
        #expect(credentials.username == "bob")
        #expect(!"\(credentials)".contains("0123456789abcdef"))
        #expect(!"\(credentials)".contains("c0ffee"))
        #expect(credentials.unredactedResponse == "0123456789abcdef0123456789abcdef")
    }
}
