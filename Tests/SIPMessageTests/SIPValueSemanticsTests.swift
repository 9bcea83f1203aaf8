import Testing

@testable import SIPMessage

/// Parsed URIs and addresses share their components between copies: writing one copy must
/// never change another, and equality and hashing are those of the components.
@Suite struct SIPValueSemanticsTests {
    private static func address(_ text: String) throws -> SIPNameAddress {
        let bytes = Array(("From: " + text).utf8)
        return try SIPNameAddress.parse(bytes[6...], limits: .default)
    }

    @Test func writingACopyLeavesTheOriginal() throws {
        let original = try Self.address("\"Alice\" <sip:alice:secret@example.com:5060;transport=tcp>;tag=1")
        var copy = original
        copy.displayName = "Bob"
        copy.uri.user = "bob"
        copy.uri.port = 5070
        copy.parameters = SIPParameters([SIPParameter(name: "tag", value: "2")])
        #expect(original.displayName == "Alice")
        #expect(original.uri.user == "alice")
        #expect(original.uri.port == 5060)
        #expect(original.tag == "1")
        #expect(copy.displayName == "Bob")
        #expect(copy.uri.user == "bob")
        #expect(copy.uri.port == 5070)
        #expect(copy.tag == "2")
        #expect(copy != original)
    }

    @Test func parsedAndBuiltValuesAreEqualAndHashAlike() throws {
        let parsed = try Self.address("<sip:alice@example.com;lr>;tag=9")
        let uri = SIPURI(
            scheme: "sip",
            opaque: "alice@example.com;lr",
            user: "alice",
            host: .name("example.com"),
            parameters: SIPParameters([SIPParameter(name: "lr", value: nil)]),
            raw: "sip:alice@example.com;lr"
        )
        let built = SIPNameAddress(
            uri: uri,
            parameters: SIPParameters([SIPParameter(name: "tag", value: "9")]),
            raw: "<sip:alice@example.com;lr>;tag=9"
        )
        #expect(parsed == built)
        #expect(parsed.hashValue == built.hashValue)
        #expect(Set([parsed, built]).count == 1)
        var changed = built
        changed.uri.parameters = SIPParameters()
        #expect(changed != parsed)
        #expect(built == parsed)
    }

    @Test func everyComponentTakesPartInEquality() throws {
        let base = try Self.address("\"A\" <sip:u:p@h:1;x=1?y=2>;tag=t")
        var variants: [SIPNameAddress] = []
        func variant(_ change: (inout SIPNameAddress) -> Void) {
            var copy = base
            change(&copy)
            variants.append(copy)
        }
        variant { $0.displayName = nil }
        variant { $0.isNameAddr = false }
        variant { $0.raw = "other" }
        variant { $0.uri.scheme = "sips" }
        variant { $0.uri.opaque = "other" }
        variant { $0.uri.user = "v" }
        variant { $0.uri.password = nil }
        variant { $0.uri.host = .name("g") }
        variant { $0.uri.port = 2 }
        variant { $0.uri.headers = [] }
        variant { $0.uri.telephoneNumber = "1" }
        variant { $0.uri.raw = "other" }
        for (position, changed) in variants.enumerated() {
            #expect(changed != base, "variant \(position)")
        }
    }
}
