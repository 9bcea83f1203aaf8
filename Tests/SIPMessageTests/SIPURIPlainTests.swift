import Testing

@testable import SIPMessage

/// The one-pass reading of usual SIP URIs (``SIPURI/plainSIP(_:limits:)``) must give exactly
/// what the full parser gives, with no notes, and leave every other URI to the full parser.
@Suite struct SIPURIPlainTests {
    private static func bytes(_ text: String) -> ArraySlice<UInt8> {
        Array(("Header: " + text).utf8)[8...]
    }

    private static func expectSameAsFullParse(_ text: String, limits: SIPParseLimits = .default) {
        let bytes = bytes(text)
        guard let plain = SIPURI.plainSIP(bytes, limits: limits) else { return }
        var notes: [SIPParseNote] = []
        let full = try? SIPURI.parseInFull(bytes, limits: limits, notes: &notes)
        #expect(full == plain, "\(text)")
        #expect(notes.isEmpty, "\(text): \(notes)")
        #expect(full?.parameters.elements == plain.parameters.elements, "\(text)")
    }

    @Test(arguments: [
        "sip:alice@example.com",
        "sip:example.com",
        "SIP:Alice@Example.COM",
        "sips:bob@192.0.2.1:5061",
        "sip:+15551230@198.51.100.20:5060;transport=udp",
        "sip:198.51.100.1;lr",
        "sip:a@b;lr;transport=TCP;maddr=239.255.255.1;ttl=15;x=",
        "sip:a?b@c",
        "sip:user@host.example.com.:0",
        "sip:1-2.example.com",
    ])
    func usualURIsAreReadInOnePass(text: String) {
        #expect(SIPURI.plainSIP(Self.bytes(text), limits: .default) != nil, "\(text)")
        Self.expectSameAsFullParse(text)
    }

    @Test(arguments: [
        "sip:alice:secret@example.com",  // password
        "sip:a%40b@example.com",  // escape
        "sip:a;b@host",  // ';' in the user part (RFC 4475 section 3.1.1.9)
        "sip:a@[2001:db8::1]",  // IPv6 reference
        "sip:a@b?Subject=x",  // URI header
        "sip:a@my_host",  // '_' noted
        "sip:a@-host",  // label starts with '-'
        "sip:a@1.2.3",  // not an IPv4 address
        "sip:a@example.1com",  // top label starts with a digit
        "sip:a@b:70000",  // port too large
        "sip:a@b:",  // empty port
        "sip:a@b;;lr",  // empty parameter
        "sip:a@b;",  // trailing ';'
        "sip:a@b;=x",  // no name
        "sip:a@b;x=1=2",  // '=' in a value
        "sip:@b",  // empty user
        "sip:a@b c",  // white space
        "sip:a@b@c",  // two '@'
        "sip:a@b;maddr=a@b",  // '@' in a parameter
        "sipx:a@b",  // another scheme
        "tel:+1-555",
        "<sip:a@b>",
        "sip:",
    ])
    func otherURIsGoToTheFullParser(text: String) {
        #expect(SIPURI.plainSIP(Self.bytes(text), limits: .default) == nil, "\(text)")
    }

    @Test func parameterLimitIsTheFullParsersLimit() {
        var limits = SIPParseLimits.default
        limits.maxParameters = 2
        #expect(SIPURI.plainSIP(Self.bytes("sip:a@b;x;y"), limits: limits) != nil)
        #expect(SIPURI.plainSIP(Self.bytes("sip:a@b;x;y;z"), limits: limits) == nil)
        #expect(throws: SIPParseError.self) { try SIPURI.parse(Self.bytes("sip:a@b;x;y;z"), limits: limits) }
    }

    /// Every URI of every torture message's start line and address headers.
    @Test func corpusURIsAgree() throws {
        var taken = 0
        for folder in ["rfc4475", "rfc5118"] {
            for entry in TortureFixtures.expected(folder) {
                guard let message = try? SIPMessage(parsing: TortureFixtures.bytes(folder, entry.name)) else {
                    continue
                }
                var uris: [ArraySlice<UInt8>] = []
                if let requestURI = message.requestURIBytes { uris.append(requestURI) }
                for name in [SIPHeaderName.from, .to, .contact, .route, .recordRoute] {
                    for value in message.rawValues(name) {
                        guard let open = value.firstIndex(of: 0x3C), let close = value[open...].firstIndex(of: 0x3E)
                        else { continue }
                        uris.append(value[(open + 1)..<close])
                    }
                }
                for uri in uris {
                    let text = String(decoding: uri, as: UTF8.self)
                    if SIPURI.plainSIP(uri, limits: .default) != nil { taken += 1 }
                    Self.expectSameAsFullParse(text)
                }
            }
        }
        // The corpus is mostly usual URIs: the one-pass reading must have been exercised.
        #expect(taken > 40)
    }
}
