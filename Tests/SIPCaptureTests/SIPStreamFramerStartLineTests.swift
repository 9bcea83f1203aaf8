import Testing

@testable import SIPCapture

@Suite struct SIPStreamFramerStartLineTests {
    static func match(_ text: String) -> SIPStartLine.Match {
        Array(text.utf8).withUnsafeBytes { SIPStartLine.match($0) }
    }

    static func looksLikeSIP(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { SIPStartLine.looksLikeSIP($0) }
    }

    @Test(arguments: [
        ("INVITE sip:bob@example.com SIP/2.0\r\n", 36),
        ("INVITE sip:bob@example.com SIP/2.0\n", 35),
        ("REGISTER sips:example.com SIP/2.0\r\nVia: x\r\n", 35),
        ("OPTIONS tel:+15551234 sip/2.0\r\n", 31),
        ("X-CUSTOM.1 urn:service:sos SIP/2.0\r\n", 36),
        ("SIP/2.0 200 OK\r\n", 16),
        ("SIP/2.0 100 \r\n", 14),
        ("sip/2.0 486 Busy Here\n", 22),
        ("SIP/2.0 603 D\u{E9}clin\u{E9}\tfoo\r\n", 27),
        ("SIP/2.0 699 x\r\nbody", 15),
        // A damaged line ending (bare CR, seen in real captures) still ends the line, as in tshark.
        ("INVITE sip:bob SIP/2.0\rX", 23),
        // Bytes above 0x7F in a Request-URI are invalid, but the message is still SIP.
        ("CANCEL sip:voip.bruj\u{F5}la.net SIP/2.0\r\n", 38),
    ])
    func validStartLines(text: String, length: Int) {
        #expect(Self.match(text) == .sip(lineLength: length), "\(text)")
        #expect(Self.looksLikeSIP(Array(text.utf8)))
    }

    @Test(arguments: [
        "INVITE  sip:bob@example.com SIP/2.0\r\n",  // two spaces
        "INVITE sip:bob@example.com  SIP/2.0\r\n",
        "INVITE bob@example.com SIP/2.0\r\n",  // no scheme
        "INVITE 1sip:bob SIP/2.0\r\n",  // scheme starts with a digit
        "INVITE sip: SIP/2.0\r\n",  // nothing after the colon
        "INV(TE sip:bob SIP/2.0\r\n",  // not a token character
        " INVITE sip:bob SIP/2.0\r\n",  // leading space
        "INVITE sip:bob SIP/2.1\r\n",
        "INVITE sip:bob SIP/2.0 \r\n",
        "INVITE sip:b\u{01}ob SIP/2.0\r\n",  // control character in the URI
        "GET / HTTP/1.1\r\n",
        "HTTP/1.1 200 OK\r\n",
        "SIP/2.0 200OK\r\n",
        "SIP/2.0 20 OK\r\n",
        "SIP/2.0 2000 OK\r\n",
        "SIP/2.0 099 Zero\r\n",
        "SIP/2.0 700 Seven\r\n",
        "SIP/2.0 200 O\u{00}K\r\n",
        "SIP/2.0/UDP host\r\n",
        "\r\nINVITE sip:bob SIP/2.0\r\n",
        "",
    ])
    func invalidStartLines(text: String) {
        #expect(!Self.looksLikeSIP(Array(text.utf8)), "\(text)")
    }

    /// Every proper prefix of a valid start line is incomplete, never rejected: a stream
    /// split anywhere in the line must wait, not lose sync.
    @Test(arguments: ["INVITE sip:bob@example.com SIP/2.0\r\n", "SIP/2.0 180 Ringing\r\n"])
    func everyPrefixIsIncomplete(text: String) {
        let bytes = Array(text.utf8)
        for length in 0..<bytes.count {
            let result = Array(bytes[0..<length]).withUnsafeBytes { SIPStartLine.match($0) }
            #expect(result == .incomplete, "prefix \(length)")
        }
        #expect(Self.match(text) == .sip(lineLength: bytes.count))
    }

    @Test func overlongLineIsRejected() {
        let uri = "sip:" + String(repeating: "a", count: SIPStartLine.maximumLength)
        #expect(Self.match("INVITE \(uri) SIP/2.0\r\n") == .notSIP)
        #expect(Self.match("INVITE \(uri)") == .notSIP)
        let reason = String(repeating: "r", count: SIPStartLine.maximumLength)
        #expect(Self.match("SIP/2.0 200 \(reason)") == .notSIP)
    }

    /// Random bytes never look like SIP (200,000 random buffers of 64 bytes, fixed seed).
    @Test func randomBytesDoNotMatch() {
        var generator = SeededGenerator(seed: 42)
        var matches = 0
        var buffer = [UInt8](repeating: 0, count: 64)
        for _ in 0..<200_000 {
            for index in buffer.indices { buffer[index] = UInt8.random(in: 0...255, using: &generator) }
            if Self.looksLikeSIP(buffer) { matches += 1 }
        }
        #expect(matches == 0)
    }

    /// Random printable ASCII lines (the hardest case for a text matcher) never match either.
    @Test func randomTextDoesNotMatch() {
        var generator = SeededGenerator(seed: 43)
        var matches = 0
        var buffer = [UInt8](repeating: 0, count: 48)
        for _ in 0..<200_000 {
            for index in buffer.indices { buffer[index] = UInt8.random(in: 0x20...0x7E, using: &generator) }
            buffer[47] = 0x0A
            if Self.looksLikeSIP(buffer) { matches += 1 }
        }
        #expect(matches == 0)
    }

    @Test func maskedBytesMatchAfterUnmasking() {
        let line = Array("SIP/2.0 200 OK\r\n".utf8)
        let key: UInt32 = 0x37FA_213D
        let keyBytes: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        let masked = line.enumerated().map { $0.element ^ keyBytes[$0.offset % 4] }
        let result = masked.withUnsafeBytes { SIPStartLine.match(MaskedStartLineBytes(bytes: $0, key: key)) }
        #expect(result == .sip(lineLength: line.count))
        #expect(!Self.looksLikeSIP(masked))
    }
}
