import Testing

@testable import SIPMessage

/// Addresses and URIs kept as their bytes (``SIPAddressSource``): the one-pass reading must give
/// exactly what the full parse gives, leave everything else to it, and behave like any other
/// value when compared, hashed, copied and written.
@Suite struct SIPAddressSourceTests {
    private static func bytes(_ text: String) -> ArraySlice<UInt8> {
        Array(("Header: " + text).utf8)[8...]
    }

    /// Every component, as the public API reads it, so that two addresses can be compared
    /// field by field (not only by `==`, whose fast path compares bytes).
    private static func components(_ address: SIPNameAddress) -> [String] {
        let uri = address.uri
        return [
            address.displayName ?? "<nil>", address.raw, "\(address.isNameAddr)",
            address.parameters.elements.map { "\($0.name)=\($0.value ?? "<nil>")" }.joined(separator: ";"),
            uri.scheme, uri.opaque, uri.user ?? "<nil>", uri.password ?? "<nil>", uri.host?.text ?? "<nil>",
            "\(uri.host.map { if case .ipv4 = $0 { "v4" } else { "name" } } ?? "-")", "\(uri.port ?? 0)",
            uri.parameters.elements.map { "\($0.name)=\($0.value ?? "<nil>")" }.joined(separator: ";"),
            "\(uri.headers.count)", uri.telephoneNumber ?? "<nil>", uri.raw,
        ]
    }

    private static func expectSameAsFullParse(_ text: String) throws {
        let bytes = bytes(text)
        let value = SIPScanner.trimmed(bytes)
        let source = try #require(SIPNameAddress.plain(value, limits: .default), "\(text)")
        let plain = SIPNameAddress(source: source)
        var notes: [SIPParseNote] = []
        let full = try SIPNameAddress.parseInFull(bytes, limits: .default, notes: &notes)
        #expect(notes.isEmpty, "\(text): \(notes)")
        #expect(Self.components(plain) == Self.components(full), "\(text)")
        #expect(plain == full, "\(text)")
        #expect(plain.hashValue == full.hashValue, "\(text)")
        #expect(plain.uri == full.uri, "\(text)")
        #expect(plain.uri.hashValue == full.uri.hashValue, "\(text)")
        #expect(plain.tag == full.tag && plain.expires == full.expires && plain.q == full.q, "\(text)")
    }

    @Test(arguments: [
        "<sip:alice@example.com>",
        "\"Alice\" <sip:+15557650000@example.com>;tag=1234-from",
        "\"A \\\"quoted\\\" name\" <sip:a@b>",
        "\"\" <sip:a@b>",
        "Alice  Smith <sip:alice@192.0.2.10:5060;transport=udp;lr>",
        "Alice\t<sip:alice@host>;expires=3600;q=0.5",
        "<sips:bob@example.com:5061;transport=tls>;+sip.instance=\"<urn:uuid:1>\";reg-id=1",
        "<sip:a@b> ; tag = x ; lr",
        "<sip:a@b>;p=\"a \\\\ b\"",
        "<sip:a@b>;empty=",
        "<sip:198.51.100.1;lr>",
        "sip:alice@example.com;tag=5",
        "sip:alice@example.com",
        "SIP:Alice@Example.COM;TAG=X",
        "<sip:a@b>;a;b;c;d",
        "<sip:a@b;w;x;y;z>",
    ])
    func usualAddressesAreReadInOnePass(text: String) throws {
        try Self.expectSameAsFullParse(text)
    }

    @Test(arguments: [
        "<sip:a@b>;a;b;c;d;e",  // more header parameters than spans hold
        "<sip:a@b;v;w;x;y;z>",  // more URI parameters than spans hold
        "<sip:alice:secret@example.com>",  // password
        "<tel:+1-555-0100>",  // another scheme
        "< sip:a@b >",  // white space inside '<' '>' is noted
        "Alice@home <sip:a@b>",  // display name that must be quoted
        "sip:a@b?x=1",  // addr-spec with '?'
        "<sip:a@b>x",  // text after the address
        "<sip:a@b>;",  // empty parameter
        "\"Alice <sip:a@b>",  // unclosed quote
        "<sip:a@b",  // no '>'
        "<sip:a@b>, <sip:c@d>",  // two addresses in a single-valued header
        "",
    ])
    func otherAddressesGoToTheFullParse(text: String) {
        #expect(SIPNameAddress.plain(SIPScanner.trimmed(Self.bytes(text)), limits: .default) == nil, "\(text)")
    }

    @Test func parameterLimitIsTheFullParsersLimit() {
        var limits = SIPParseLimits.default
        limits.maxParameters = 2
        #expect(SIPNameAddress.plain(Self.bytes("<sip:a@b>;x;y"), limits: limits) != nil)
        #expect(SIPNameAddress.plain(Self.bytes("<sip:a@b>;x;y;z"), limits: limits) == nil)
        #expect(throws: SIPParseError.self) { try SIPNameAddress.parse(Self.bytes("<sip:a@b>;x;y;z"), limits: limits) }
    }

    /// Lists read in one pass give the addresses that splitting and parsing each element gives.
    @Test(arguments: [
        "<sip:a@b>",
        "<sip:a@b>;q=0.5, \"B, C\" <sip:c@d>;expires=60",
        " <sip:a@b> ,, sip:c@d;tag=1 , ",
        "sip:a@b,sip:c@d",
        "\"x\" <sip:a@b>;p=\"1,2\", <sip:c@d>",
    ])
    func usualListsAreReadInOnePass(text: String) throws {
        let bytes = Self.bytes(text)
        var plain: [SIPNameAddress] = []
        #expect(SIPNameAddress.appendPlainList(bytes, to: &plain, limits: .default), "\(text)")
        var full: [SIPNameAddress] = []
        var notes: [SIPParseNote] = []
        try SIPScanner.forEachListElement(bytes, limits: .default, notes: &notes) {
            element,
            notes throws(SIPParseError) in
            full.append(try SIPNameAddress.parseInFull(element, limits: .default, notes: &notes))
        }
        #expect(notes.isEmpty)
        #expect(plain.map(Self.components) == full.map(Self.components), "\(text)")
        #expect(plain == full, "\(text)")
    }

    @Test(arguments: [
        "",
        " , ",
        "<sip:a@b>, <tel:+1>",  // one element not plain: none is kept
        "sip:a,b@c",
        "<sip:a@b>, junk",
        "Alice, <sip:a@b>",
    ])
    func otherListsAreLeftAsTheyWere(text: String) {
        let kept = try? SIPNameAddress.parse(Self.bytes("<sip:kept@x>"), limits: .default)
        var result = kept.map { [$0] } ?? []
        #expect(!SIPNameAddress.appendPlainList(Self.bytes(text), to: &result, limits: .default), "\(text)")
        #expect(result.count == 1)
    }

    @Test func listLimitIsTheSplittersLimit() {
        var limits = SIPParseLimits.default
        limits.maxListElements = 2
        var result: [SIPNameAddress] = []
        #expect(SIPNameAddress.appendPlainList(Self.bytes("<sip:a@b>, <sip:c@d>"), to: &result, limits: limits))
        #expect(
            !SIPNameAddress.appendPlainList(Self.bytes("<sip:a@b>, <sip:c@d>, <sip:e@f>"), to: &result, limits: limits)
        )
        #expect(result.count == 2)
    }

    @Test func contactNotesFromTheOnePassListPointAtTheirElement() throws {
        let bytes = Self.bytes("<sip:a@b>, <sip:c@d>;expires=soon")
        var notes: [SIPParseNote] = []
        let contact = try SIPContact.parseList(bytes, limits: .default, notes: &notes)
        #expect(contact.addresses.count == 2)
        #expect(notes.count == 1)
        #expect(notes.first?.offset == bytes.startIndex + 11)
    }

    /// Writing a component of a parsed value makes its Strings once; the other components and
    /// the original value stay as they were.
    @Test func writingAParsedValueKeepsTheOtherComponents() throws {
        let original = try SIPNameAddress.parse(
            Self.bytes("\"Alice\" <sip:alice@example.com:5060;transport=udp>;tag=1;lr"),
            limits: .default
        )
        var changed = original
        changed.uri.port = 5070
        #expect(changed.uri.port == 5070)
        #expect(changed.uri.user == "alice")
        #expect(changed.uri.host == .name("example.com"))
        #expect(changed.uri.transport == "udp")
        #expect(changed.uri.raw == "sip:alice@example.com:5060;transport=udp")
        #expect(changed.displayName == "Alice")
        #expect(changed.tag == "1")
        #expect(changed.parameters.contains("LR"))
        #expect(original.uri.port == 5060)
        #expect(changed != original)
        changed.parameters = SIPParameters([SIPParameter(name: "tag", value: "2")])
        #expect(changed.tag == "2")
        #expect(original.tag == "1")

        var uri = try SIPURI.parse(Self.bytes("sip:bob@192.0.2.1;lr"), limits: .default)
        let before = uri
        uri.parameters = SIPParameters()
        #expect(!uri.isLooseRouter)
        #expect(before.isLooseRouter)
        #expect(uri.host == .ipv4("192.0.2.1"))
        #expect(uri.user == "bob")
    }

    /// The host shape read byte by byte finds IPv4 addresses exactly as ``SIPHost/isIPv4(_:)`` does.
    @Test(arguments: [
        "1.2.3.4", "192.0.2.10", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.4.", "01.002.3.4",
        "0001.2.3.4", "1..2.3", ".1.2.3", "1.2.3.", "12345678901234567890123.1.1.1", "1.2.3.1000",
    ])
    func hostShapeFindsIPv4AddressesAsTheFullCheckDoes(host: String) {
        let bytes = Array(host.utf8)
        let found = bytes.withUnsafeBufferPointer { SIPHost.plainHostIsIPv4($0) }
        #expect(found == (SIPHost.isIPv4(bytes) ? true : nil), "\(host)")
    }

    /// Every one-byte change and every prefix of a few addresses: whenever the one-pass reading
    /// keeps an address (or a list), the full parse gives the same, with no notes.
    @Test func oneByteChangesAgreeWithTheFullParse() throws {
        let seeds = [
            "\"Al ice\" <sip:+1555@example.com:5060;transport=udp>;tag=1-a;lr",
            "Bob <sips:b@192.0.2.1;maddr=x>;q=0.5;expires=60",
            "sip:c@d.example;tag=x, <sip:e@f>;p=\"a,b\"",
            "\"A \\\"q\\\" \" <sip:a@b>;x=\"\\\\\" ,, Some One\t<sip:1.2.3.4:5>;y",
            " <sip:a@b> ;\r\n tag = z\r\n , sip:a@b ",
        ]
        let replacements = Array(" \t\r\n\"\\<>;=,@:.-[]?%a1_".utf8)
        var checked = 0
        for seed in seeds {
            let original = Array(seed.utf8)
            var variants = (0...original.count).map { Array(original[..<$0]) }
            for position in original.indices {
                for byte in replacements {
                    var variant = original
                    variant[position] = byte
                    variants.append(variant)
                    variant = original
                    variant.insert(byte, at: position)
                    variants.append(variant)
                }
            }
            for variant in variants {
                let bytes = (Array("Header: ".utf8) + variant)[8...]
                let value = SIPScanner.trimmed(bytes)
                let text = String(decoding: variant, as: UTF8.self)
                if let source = SIPNameAddress.plain(value, limits: .default) {
                    var notes: [SIPParseNote] = []
                    let full = try #require(try? SIPNameAddress.parseInFull(bytes, limits: .default, notes: &notes))
                    #expect(notes.isEmpty, "\(text)")
                    #expect(Self.components(SIPNameAddress(source: source)) == Self.components(full), "\(text)")
                    checked += 1
                }
                var plain: [SIPNameAddress] = []
                if SIPNameAddress.appendPlainList(bytes, to: &plain, limits: .default) {
                    var full: [SIPNameAddress] = []
                    var notes: [SIPParseNote] = []
                    let parsed = try? SIPScanner.forEachListElement(bytes, limits: .default, notes: &notes) {
                        element,
                        notes throws(SIPParseError) in
                        full.append(try SIPNameAddress.parseInFull(element, limits: .default, notes: &notes))
                    }
                    #expect(parsed != nil && notes.isEmpty, "\(text)")
                    #expect(plain.map(Self.components) == full.map(Self.components), "\(text)")
                    checked += 1
                }
            }
        }
        #expect(checked > 2000)
    }

    @Test func userSetBeforeSemicolonIsTheUserSetWithoutIt() {
        for byte in UInt8.min...UInt8.max {
            #expect(
                SIPURI.PlainLayout.userBeforeSemicolon.contains(byte)
                    == (SIPCharacterClass.user.contains(byte) && byte != 0x3B),
                "\(byte)"
            )
        }
    }

    @Test func parameterValueSetIsTheScannersPredicate() {
        for byte in UInt8.min...UInt8.max {
            #expect(
                PlainAddressReader.parameterValue.contains(byte) == SIPScanner.isParameterValueCharacter(byte),
                "\(byte)"
            )
        }
    }

    /// Parameter lookups on positions answer as lookups on Strings do, including names that only
    /// Unicode lower-casing matches (the Kelvin sign lower-cases to `k`).
    @Test(arguments: ["tag", "TAG", "Tag", "k", "K", "\u{212A}", "lr", "x", "", "tag2"])
    func parameterLookupsMatchStringLookups(name: String) throws {
        let parsed = try SIPNameAddress.parse(Self.bytes("<sip:a@b>;Tag=1;k;lr=\"q\""), limits: .default)
        let built = SIPParameters(parsed.parameters.elements)
        #expect(parsed.parameters[name] == built[name], "\(name)")
        #expect(parsed.parameters.parameter(name) == built.parameter(name), "\(name)")
        #expect(parsed.parameters.contains(name) == built.contains(name), "\(name)")
        #expect(parsed.parameters == built)
        #expect(parsed.parameters.hashValue == built.hashValue)
    }
}
