import Testing

@testable import SIPMessage

/// Hosts of URIs: the usual shapes are taken in one pass, every other one by the label-by-label
/// check; both must give the same host, notes and errors (RFC 3261 section 25.1 `host`).
@Suite struct SIPHostTests {
    private static func parsed(_ host: String) throws(SIPParseError) -> (SIPHost?, [String]) {
        var notes: [SIPParseNote] = []
        let bytes = Array(("Header: sip:a@" + host).utf8)
        let uri = try SIPURI.parse(bytes[8...], limits: .default, notes: &notes)
        return (uri.host, notes.map(\.message))
    }

    @Test(arguments: [
        ("example.com", SIPHost.name("example.com")),
        ("a", .name("a")),
        ("EXAMPLE.com.", .name("EXAMPLE.com.")),
        ("host-1.example-2.net", .name("host-1.example-2.net")),
        ("1.example.com", .name("1.example.com")),
        ("192.0.2.10", .ipv4("192.0.2.10")),
        ("0.0.0.0", .ipv4("0.0.0.0")),
    ])
    func usualHostsHaveNoNotes(text: String, host: SIPHost) throws {
        let (parsed, notes) = try Self.parsed(text)
        #expect(parsed == host)
        #expect(notes.isEmpty, "\(notes)")
    }

    @Test(arguments: [
        ("my_host.example.com", "'_' in host name"),
        ("-host.example.com", "starts or ends with '-'"),
        ("host-.example.com", "starts or ends with '-'"),
        ("host.example.com-", "starts or ends with '-'"),
        ("example.1com", "top label of host name 'example.1com' does not start with a letter"),
        ("a.b.c.1", "top label"),
    ])
    func unusualHostsAreNoted(text: String, note: String) throws {
        let (parsed, notes) = try Self.parsed(text)
        #expect(parsed == .name(text))
        #expect(notes.contains { $0.contains(note) }, "\(notes)")
    }

    @Test(arguments: [
        ("1..2", "is not a valid IPv4 address"),
        ("1.2.3.4.", "is not a valid IPv4 address"),
        ("example..com", "empty label"),
        ("example.com..", "empty label"),
        (".", "is not a valid IPv4 address"),
        ("exa mple", "white space inside URI"),
        ("exa+mple.com", "character '+' is not allowed in host name"),
    ])
    func invalidHostsAreErrors(text: String, reason: String) {
        #expect {
            _ = try Self.parsed(text)
        } throws: { error in
            (error as? SIPParseError)?.reason.contains(reason) == true
        }
    }
}
