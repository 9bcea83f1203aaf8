import Testing

@testable import SIPMessage

/// The one-pass reading of the usual Request-Line (``StartLineParser/plainRequestLine(_:)``) must
/// give what the full start line parser gives, with no notes, and leave every other line to it.
@Suite struct StartLinePlainTests {
    private static func line(_ text: String) -> ArraySlice<UInt8> {
        Array(("\r\n" + text).utf8)[2...]
    }

    private static func expectSameAsFullParse(_ line: ArraySlice<UInt8>) -> Bool {
        guard let plain = StartLineParser.plainRequestLine(line) else { return false }
        var notes: [SIPParseNote] = []
        let full = try? StartLineParser.parseInFull(line, notes: &notes)
        #expect(full == plain, "\(String(decoding: line, as: UTF8.self))")
        #expect(notes.isEmpty, "\(String(decoding: line, as: UTF8.self)): \(notes)")
        return true
    }

    @Test(arguments: [
        "INVITE sip:+15551230@198.51.100.20:5060;transport=udp SIP/2.0",
        "ACK sip:a@b sip/2.0",
        "OPTIONS sip:a@b Sip/2.0",
        "SUBSCRIBE sip:a@b SIP/2.0",
        "invite sip:a@b SIP/2.0",
        "NEWMETHOD-1 tel:+1-555 SIP/2.0",
        "X x SIP/2.0",
        "REGISTER <sip:a@b SIP/2.0",
    ])
    func usualRequestLinesAreReadInOnePass(text: String) throws {
        #expect(Self.expectSameAsFullParse(Self.line(text)), "\(text)")
        var notes: [SIPParseNote] = []
        let parsed = try StartLineParser.parse(Self.line(text), notes: &notes)
        guard case .request(let method, _) = parsed else {
            Issue.record("\(text) is not a request")
            return
        }
        #expect(method.rawValue == String(text.prefix { $0 != " " }))
    }

    @Test(arguments: [
        "SIP/2.0 200 OK",
        "INVITE  sip:a@b SIP/2.0",  // two spaces
        "INVITE sip:a@b  SIP/2.0",
        "INVITE sip:a@b SIP/2.0 ",  // trailing space
        "INVITE <sip:a@b> SIP/2.0",  // angle brackets
        "INVITE sip:a@b c SIP/2.0",  // white space inside
        "INVITE sip:a@b\tSIP/2.0",
        "INVITE sip:a@b SIP/3.0",
        "INVITE sip:a@b SIP/2.00",
        "INV;TE sip:a@b SIP/2.0",
        " INVITE sip:a@b SIP/2.0",
        "INVITE SIP/2.0",
        "INVITE  SIP/2.0",
        "a SIP/2.0",
        "",
    ])
    func otherLinesGoToTheFullParser(text: String) {
        #expect(StartLineParser.plainRequestLine(Self.line(text)) == nil, "\(text)")
    }

    /// Every torture message's start line.
    @Test func corpusStartLinesAgree() {
        var taken = 0
        for folder in ["rfc4475", "rfc5118"] {
            for entry in TortureFixtures.expected(folder) {
                let bytes = TortureFixtures.bytes(folder, entry.name)
                let end = bytes.firstIndex { $0 == 0x0D || $0 == 0x0A } ?? bytes.endIndex
                if Self.expectSameAsFullParse(bytes[..<end]) { taken += 1 }
            }
        }
        #expect(taken > 20)
    }
}
