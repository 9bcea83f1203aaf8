import Testing

@testable import SIPMessage

@Suite struct SIPURIEquivalenceTests {
    private static func uri(_ text: String) throws -> SIPURI {
        try SIPURI.parse(Array(text.utf8)[...], limits: .default)
    }

    /// The equivalent pairs of RFC 3261 section 19.1.4.
    static let equivalent: [(String, String)] = [
        ("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"),
        ("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"),
        ("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"),
        ("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"),
        (
            "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
            "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"
        ),
        (
            "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
            "sip:alice@atlanta.com?priority=urgent&subject=project%20x"
        ),
    ]

    /// The non-equivalent pairs of RFC 3261 section 19.1.4, with the reason the RFC gives.
    static let different: [(String, String)] = [
        // different usernames
        ("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"),
        // can resolve to different ports
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"),
        // can resolve to different transports
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"),
        // can resolve to different port and transports
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"),
        // different header component
        ("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"),
        // even though that's what phone21.boxesbybob.com resolves to
        ("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"),
        // the intransitivity example: both carry security, with different values
        ("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"),
    ]

    @Test(arguments: equivalent)
    func rfcEquivalentPairs(_ pair: (String, String)) throws {
        let first = try Self.uri(pair.0)
        let second = try Self.uri(pair.1)
        #expect(first.isEquivalent(to: second))
        #expect(second.isEquivalent(to: first))
        #expect(first.isEquivalent(to: first))
    }

    @Test(arguments: different)
    func rfcDifferentPairs(_ pair: (String, String)) throws {
        let first = try Self.uri(pair.0)
        let second = try Self.uri(pair.1)
        #expect(!first.isEquivalent(to: second))
        #expect(!second.isEquivalent(to: first))
    }

    @Test func eachComponentRule() throws {
        func same(_ lhs: String, _ rhs: String) throws -> Bool {
            try Self.uri(lhs).isEquivalent(to: Self.uri(rhs))
        }
        // sip and sips never match.
        #expect(try !same("sip:a@example.com", "sips:a@example.com"))
        // User and password: case-sensitive, present in both or neither.
        #expect(try !same("sip:a@example.com", "sip:A@example.com"))
        #expect(try !same("sip:example.com", "sip:a@example.com"))
        #expect(try same("sip:a:pw@example.com", "sip:a:%70w@example.com"))
        #expect(try !same("sip:a:pw@example.com", "sip:a:PW@example.com"))
        #expect(try !same("sip:a:pw@example.com", "sip:a@example.com"))
        // Escaped reserved characters stay different from the characters; hex case does not matter.
        #expect(try !same("sip:a%3Bb@example.com", "sip:a;b@example.com"))
        #expect(try same("sip:a%3bb@example.com", "sip:a%3Bb@example.com"))
        // user, ttl, method, maddr and transport in one URI only: different.
        for name in ["user=phone", "ttl=1", "method=INVITE", "maddr=192.0.2.1", "transport=tcp"] {
            #expect(try !same("sip:a@example.com", "sip:a@example.com;\(name)"))
        }
        // Parameters in both compare case-insensitively, after escapes.
        #expect(try same("sip:a@example.com;user=PHONE;lr", "sip:a@example.com;lr;%75ser=phone"))
        #expect(try !same("sip:a@example.com;lr=1", "sip:a@example.com;lr"))
        // Headers: all present in both, values case-sensitive, repetitions counted.
        #expect(try !same("sip:a@example.com?Subject=A", "sip:a@example.com?subject=a"))
        #expect(try same("sip:a@example.com?Subject=A", "sip:a@example.com?subject=A"))
        #expect(try !same("sip:a@example.com?x=1&x=1", "sip:a@example.com?x=1"))
        // IPv6 references compare case-insensitively as written.
        #expect(try same("sip:[2001:DB8::1]:5070", "sip:[2001:db8::1]:5070"))
        // Other schemes: scheme and text, escapes of unreserved characters resolved.
        #expect(try same("tel:+1-555-0100", "TEL:+1-555-0100"))
        #expect(try same("urn:service:sos", "URN:%73ervice:sos"))
        #expect(try !same("urn:service:sos", "urn:service%3Asos"))
        #expect(try !same("tel:+1-555-0100", "tel:+15550100"))
        #expect(try !same("tel:+15550100", "sip:+15550100@example.com"))
    }

    @Test func comparableBytes() {
        #expect(SIPURI.comparable("%61%3b%25%zz", foldingCase: false) == Array("a%3B%25%zz".utf8))
        #expect(SIPURI.comparable("AbC%4A", foldingCase: true) == Array("abcj".utf8))
        #expect(SIPURI.comparable("%4", foldingCase: false) == Array("%4".utf8))
        #expect(SIPURI.comparable("", foldingCase: true).isEmpty)
    }
}
