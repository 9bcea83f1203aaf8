import Testing

@testable import SIPMessage

/// The one-pass reading of usual Via values (``SIPVia/appendPlainList(_:to:limits:)``) must give
/// exactly what the full parser gives, with no notes, and leave every other value to it.
@Suite struct SIPViaPlainTests {
    private static func bytes(_ text: String) -> ArraySlice<UInt8> {
        Array(("Via: " + text).utf8)[5...]
    }

    /// The full parser's list, element by element, without the one-pass reading.
    private static func fullList(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> [SIPVia] {
        var result: [SIPVia] = []
        try SIPScanner.appendList(bytes, to: &result, limits: limits, emptyReason: "empty", notes: &notes) {
            element,
            notes throws(SIPParseError) in try SIPVia.parseInFull(element, limits: limits, notes: &notes)
        }
        return result
    }

    /// Whether the one-pass reading took `text`; when it did, it must equal the full parse.
    @discardableResult
    private static func expectSameAsFullParse(_ text: String, limits: SIPParseLimits = .default) -> Bool {
        let bytes = bytes(text)
        var plain: [SIPVia] = []
        guard SIPVia.appendPlainList(bytes, to: &plain, limits: limits) else {
            #expect(plain.isEmpty, "\(text)")
            return false
        }
        var notes: [SIPParseNote] = []
        let full = try? fullList(bytes, limits: limits, notes: &notes)
        let fullFields = full?.map { $0.fields }
        let plainFields = plain.map { $0.fields }
        #expect(fullFields == plainFields, "\(text)")
        #expect(full == plain, "\(text)")
        #expect(notes.isEmpty, "\(text): \(notes)")
        let allPlain = plain.allSatisfy { $0.isPlain }
        #expect(allPlain, "\(text)")
        for (plainVia, fullVia) in zip(plain, full ?? []) {
            #expect(plainVia.hashValue == fullVia.hashValue, "\(text)")
            #expect(plainVia.branch == fullVia.branch, "\(text)")
            #expect(plainVia.received == fullVia.received, "\(text)")
            #expect(plainVia.rport == fullVia.rport, "\(text)")
            #expect(plainVia.maddr == fullVia.maddr, "\(text)")
            #expect(plainVia.ttl == fullVia.ttl, "\(text)")
            #expect(plainVia.description == fullVia.description, "\(text)")
        }
        return true
    }

    @Test(arguments: [
        "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1-a;rport",
        "SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bK-1-b;received=203.0.113.5",
        "SIP/2.0/udp pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5070;maddr=224.2.0.1;ttl=16;x",
        "SIP/2.0/TCP a.example.com",
        "SIP/2.0/TLS a.example.com.:0;BRANCH=z9hG4bK1;Received=192.0.2.1;RPORT;TTL=255",
        "sip/2.0/ws  a-b.example;branch=z9hG4bK1;maddr",
        "SIP/2.0/UDP a.example.com;x=[2001:db8::1];y=a:b",
        "SIP/2.0/UDP 1.2.3.4, SIP/2.0/TCP b.example:5061;branch=z9hG4bKx",
        "SIP/2.0/UDP 1.2.3.4 ,\tSIP/2.0/TCP b.example:65535 ",
        "SIP/3.0/XYZ b.example",
    ])
    func usualValuesAreReadInOnePass(text: String) {
        #expect(Self.expectSameAsFullParse(text), "\(text)")
    }

    @Test(arguments: [
        "SIP / 2.0 / UDP a.example.com",  // white space around '/'
        "SIP/2.0/UDPa.example.com",  // no white space before sent-by
        "SIP/2.0/UDP a.example.com : 5060",  // spaced colon
        "SIP/2.0/UDP a.example.com ;branch=z9hG4bK1",  // white space before ';'
        "SIP/2.0/UDP a.example.com;branch=z9hG4bK1 ;rport",
        "SIP/2.0/UDP a.example.com\r\n ;branch=z9hG4bK1",  // folding
        "SIP/2.0/UDP [2001:db8::1]:5060",  // IPv6 reference
        "SIP/2.0/UDP 2001:db8::1",  // unbracketed IPv6
        "SIP/2.0/UDP my_host.example",  // '_' noted
        "SIP/2.0/UDP -host.example",  // label starts with '-'
        "SIP/2.0/UDP host-.example",  // label ends with '-'
        "SIP/2.0/UDP a..example",  // empty label
        "SIP/2.0/UDP 1.2.3",  // not an IPv4 address
        "SIP/2.0/UDP 256.1.1.1",
        "SIP/2.0/UDP example.1com",  // top label starts with a digit
        "SIP/2.0/UDP a.example:70000",  // port too large
        "SIP/2.0/UDP a.example:050600",  // six digits
        "SIP/2.0/UDP a.example:",  // empty port
        "SIP/2.0/UDP a.example:5060:5061",
        "SIP/2.0/UDP a.example;;branch=z9hG4bK1",  // empty parameter
        "SIP/2.0/UDP a.example;",  // trailing ';'
        "SIP/2.0/UDP a.example;x=",  // empty value
        "SIP/2.0/UDP a.example;branch",  // branch without value
        "SIP/2.0/UDP a.example;branch=z9hG4bK1;branch",  // the full parser checks the first only
        "SIP/2.0/UDP a.example;branch=\"z9hG4bK1\"",  // quoted value
        "SIP/2.0/UDP a.example;ttl=256",
        "SIP/2.0/UDP a.example;ttl=0016",
        "SIP/2.0/UDP a.example;ttl",
        "SIP/2.0/UDP a.example;rport=x",
        "SIP/2.0/UDP a.example;rport=65536",
        "SIP/2.0/UDP a.example;received=a.example",  // noted
        "SIP/2.0/UDP a.example;received=[2001:db8::1]",  // IPv6: the full parser's business
        "SIP/2.0/UDP a.example;received",
        "SIP/2.0/UDP a.example;x=1=2",
        "SIP/2.0/UDP a.example extra",
        "SIP/2.0/UDP a.example,",  // empty element
        "SIP/2.0/UDP a.example,,SIP/2.0/UDP b.example",
        "SIP/2.0/UDP a.example, garbage",
        "SIP/2.0/UDP a.example;x=é",
        "SIP/2.0",
        "",
    ])
    func otherValuesGoToTheFullParser(text: String) {
        var result: [SIPVia] = []
        #expect(!SIPVia.appendPlainList(Self.bytes(text), to: &result, limits: .default), "\(text)")
        #expect(result.isEmpty)
    }

    @Test func limitsAreTheFullParsersLimits() {
        var limits = SIPParseLimits.default
        limits.maxParameters = 2
        limits.maxListElements = 2
        #expect(Self.expectSameAsFullParse("SIP/2.0/UDP a;x;y, SIP/2.0/UDP b", limits: limits))
        var result: [SIPVia] = []
        #expect(!SIPVia.appendPlainList(Self.bytes("SIP/2.0/UDP a;x;y;z"), to: &result, limits: limits))
        #expect(
            !SIPVia.appendPlainList(
                Self.bytes("SIP/2.0/UDP a, SIP/2.0/UDP b, SIP/2.0/UDP c"),
                to: &result,
                limits: limits
            )
        )
        #expect(throws: SIPParseError.self) { try SIPVia.parse(Self.bytes("SIP/2.0/UDP a;x;y;z"), limits: limits) }
        #expect(throws: SIPParseError.self) {
            try SIPVia.parseList(Self.bytes("SIP/2.0/UDP a, SIP/2.0/UDP b, SIP/2.0/UDP c"), limits: limits)
        }
    }

    /// A plain Via and the same Via built in code are equal and hash alike; setting a component
    /// of a plain Via changes that component only.
    @Test func builtAndParsedValuesAgree() throws {
        let parsed = try SIPVia.parse(Self.bytes("SIP/2.0/udp a.example:5060;branch=z9hG4bK1;rport"), limits: .default)
        #expect(parsed.isPlain)
        let built = SIPVia(
            transport: "UDP",
            host: .name("a.example"),
            port: 5060,
            parameters: SIPParameters([
                SIPParameter(name: "branch", value: "z9hG4bK1"), SIPParameter(name: "rport", value: nil),
            ]),
            raw: "SIP/2.0/udp a.example:5060;branch=z9hG4bK1;rport"
        )
        #expect(parsed == built)
        #expect(parsed.hashValue == built.hashValue)
        #expect(Set([parsed, built]).count == 1)

        var changed = parsed
        changed.host = .ipv4("192.0.2.1")
        #expect(!changed.isPlain)
        #expect(changed.host == .ipv4("192.0.2.1"))
        #expect(changed.port == 5060)
        #expect(changed.branch == "z9hG4bK1")
        #expect(changed.rport == .requested)
        #expect(changed.raw == parsed.raw)
        #expect(changed != parsed)
        changed.host = parsed.host
        #expect(changed == parsed)

        var renamed = parsed
        renamed.parameters = SIPParameters([SIPParameter(name: "branch", value: "z9hG4bK2")])
        #expect(renamed.branch == "z9hG4bK2")
        #expect(renamed.rport == .absent)
        renamed.transport = "TCP"
        renamed.protocolVersion = "3.0"
        renamed.protocolName = "X"
        renamed.port = nil
        renamed.raw = "changed"
        #expect(renamed.sentProtocol == "X/3.0/TCP")
        #expect(renamed.description == "X/3.0/TCP a.example;branch=z9hG4bK2")
        #expect(renamed.raw == "changed")

        let other = try SIPVia.parse(Self.bytes("SIP/2.0/UDP a.example:5060;branch=z9hG4bK1;rport"), limits: .default)
        #expect(other != parsed)  // raw differs (transport spelling)
    }

    /// Every Via of every torture message and text fixture.
    @Test func corpusViasAgree() throws {
        var taken = 0
        for folder in ["rfc4475", "rfc5118"] {
            for entry in TortureFixtures.expected(folder) {
                guard let message = try? SIPMessage(parsing: TortureFixtures.bytes(folder, entry.name)) else {
                    continue
                }
                for value in message.rawValues(.via) {
                    if Self.expectSameAsFullParse(String(decoding: value, as: UTF8.self)) { taken += 1 }
                    for element in (try? SIPScanner.splitList(value, limits: .default)) ?? [] {
                        Self.expectSameAsFullParse(String(decoding: element, as: UTF8.self))
                    }
                }
            }
        }
        // The corpus is mostly usual Vias: the one-pass reading must have been exercised.
        #expect(taken > 40)
    }

    /// The one-pass reading's byte classes are the scanner's.
    @Test func characterClassesAreTheScanners() {
        for byte in UInt8.min...UInt8.max {
            #expect(SIPVia.PlainLayout.isValueCharacter(byte) == SIPScanner.isParameterValueCharacter(byte), "\(byte)")
            #expect(SIPTokenList.isTokenCharacter(byte) == SIPScanner.isTokenCharacter(byte), "\(byte)")
        }
    }
}
