import Testing

@testable import SIPMessage

/// The fast paths of round 2 give the same results as the general readers they short-cut:
/// plain token lists, Via parameter checks found while parsing, URI character checks.
struct SIPHeaderFastPathTests {
    @Test func plainTokenListsReadExactly() throws {
        #expect(try SIPTokenList.parseList(headerValue("INVITE,ACK"), limits: .default) == ["INVITE", "ACK"])
        #expect(try SIPTokenList.parseList(headerValue(" a , b\t,\tc "), limits: .default) == ["a", "b", "c"])
        #expect(try SIPTokenList.parseList(headerValue("x-Custom.1"), limits: .default) == ["x-Custom.1"])
        // Folding and empty elements take the general path, with its results and errors.
        #expect(try SIPTokenList.parseList(headerValue("a,\r\n b"), limits: .default) == ["a", "b"])
        #expect(try SIPTokenList.parseList(headerValue("a,,b,"), limits: .default) == ["a", "b"])
        #expect(throws: SIPParseError.self) { try SIPTokenList.parseList(headerValue("a, b c"), limits: .default) }
        var limits = SIPParseLimits.default
        limits.maxListElements = 2
        #expect(throws: SIPParseError.self) { try SIPTokenList.parseList(headerValue("a,b,c"), limits: limits) }
        #expect(try SIPTokenList.parseList(headerValue("a,b"), limits: limits) == ["a", "b"])
    }

    @Test func everyPrefixOfATokenListReadsAsItsElements() {
        let text = Array(" INVITE, ACK ,\tCANCEL,x;y, 100rel".utf8)
        for length in 0...text.count {
            let prefix = String(decoding: text[..<length], as: UTF8.self)
            let expected = prefix.split(separator: ",").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
            let valid = expected.allSatisfy { $0.utf8.allSatisfy(SIPScanner.isTokenCharacter) }
            let parsed = try? SIPTokenList.parseList(headerValue(prefix), limits: .default)
            #expect(parsed == (valid ? expected : nil), "prefix \(prefix)")
        }
    }

    @Test func viaParameterChecksFindTheFirstOfEachNameInAnyCase() throws {
        func reason(_ text: String) -> String? {
            do {
                _ = try SIPVia.parse(headerValue(text), limits: .default)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(
            reason("SIP/2.0/UDP h;BRANCH=") == "Via branch parameter without a value (RFC 3261 section 25.1 via-branch)"
        )
        #expect(reason("SIP/2.0/UDP h;Ttl=999")?.contains("ttl '999'") == true)
        #expect(reason("SIP/2.0/UDP h;RPort=x")?.contains("rport 'x'") == true)
        // Only the first parameter of a name is checked, as `parameter(_:)` finds it.
        #expect(reason("SIP/2.0/UDP h;ttl=1;ttl=999") == nil)
        #expect(reason("SIP/2.0/UDP h;branch=z9hG4bK1;branch=") == nil)
        var notes: [SIPParseNote] = []
        let via = try SIPVia.parse(headerValue("SIP/2.0/UDP h;Received=host;rport="), limits: .default, notes: &notes)
        #expect(via.rport == .requested)
        #expect(notes.map(\.message).count == 2)
        #expect(notes.first?.message.contains("rport=") == true)
        #expect(notes.last?.message.contains("received") == true)
    }

    @Test func uriCharacterChecksKeepTheirNotes() throws {
        var notes: [SIPParseNote] = []
        let uri = try SIPURI.parse(headerValue("sip:a%41b@h;p=%7a"), limits: .default, notes: &notes)
        #expect(uri.user == "a%41b")
        #expect(notes.isEmpty)
        _ = try SIPURI.parse(headerValue("sip:a#b@h"), limits: .default, notes: &notes)
        #expect(notes.count == 1)
        #expect(throws: SIPParseError.self) { try SIPURI.parse(headerValue("sip:a\"b@h"), limits: .default) }
    }
}

extension Substring {
    /// The text without leading and trailing SP and HTAB.
    fileprivate func trimmingCharacters() -> String {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
