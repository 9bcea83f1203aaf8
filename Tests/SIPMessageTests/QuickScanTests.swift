import Testing

@testable import SIPMessage

/// The quick scans must give exactly what the typed parsers give: on every torture message, and
/// on the shapes the scans take or hand to the parser.
@Suite struct QuickScanTests {
    static let corpus: [(name: String, bytes: [UInt8])] = ["rfc4475", "rfc5118"].flatMap { folder in
        TortureFixtures.expected(folder).map { ("\(folder)/\($0.name)", TortureFixtures.bytes(folder, $0.name)) }
    }

    @Test func corpusMessagesAgreeWithTheTypedParsers() throws {
        var compared = 0
        for (name, bytes) in Self.corpus {
            guard let message = try? SIPMessage(parsing: bytes) else { continue }
            if let from = (try? message.from()) ?? nil {
                #expect(message.fromTag() == from.tag, "\(name): From tag")
                compared += 1
            }
            if let to = (try? message.to()) ?? nil {
                #expect(message.toTag() == to.tag, "\(name): To tag")
                compared += 1
            }
            #expect(message.cseqValue() == (try? message.cseq()) ?? nil, "\(name): CSeq")
            if let via = (try? message.topVia()) ?? nil {
                let host = via.host.text.lowercased()
                let identity = message.topViaTransactionIdentity()
                #expect(identity?.branch == via.branch, "\(name): Via branch")
                #expect(identity?.sentBy == via.port.map { "\(host):\($0)" } ?? host, "\(name): Via sent-by")
                if let bytes = message.topViaTransactionIdentityBytes() {
                    #expect(bytes.branch.map { String(decoding: $0, as: UTF8.self) } == identity?.branch, "\(name)")
                    #expect(String(decoding: bytes.sentBy, as: UTF8.self) == identity?.sentBy, "\(name)")
                }
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    /// The plain Call-ID bytes, when given, are what the Call-ID parser reads.
    @Test func plainCallIDBytesAgreeWithTheCallIDParser() throws {
        var compared = 0
        for (name, bytes) in Self.corpus {
            guard let message = try? SIPMessage(parsing: bytes), let plain = message.plainCallIDBytes() else {
                continue
            }
            #expect(String(decoding: plain, as: UTF8.self) == ((try? message.callID()) ?? nil)?.value, "\(name)")
            compared += 1
        }
        #expect(compared > 40)
    }

    static func message(
        from: String = "<sip:a@example.com>;tag=1",
        via: String = "SIP/2.0/UDP h;branch=z9hG4bK1"
    )
        -> SIPMessage?
    {
        try? SIPMessage(
            parsing: "OPTIONS sip:b@example.com SIP/2.0\r\nVia: \(via)\r\nFrom: \(from)\r\nTo: <sip:b@example.com>\r\n"
                + "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        )
    }

    @Test(
        arguments: [
            ("<sip:a@example.com>;tag=abc", "abc"),
            ("\"Semi; <colon>\" <sip:a@example.com;tag=uri-param>;TAG=Upper", "Upper"),
            ("sip:a@example.com;tag=addr-spec", "addr-spec"),
            ("sip:a@example.com ; x=1 ;tag = spaced", "spaced"),
            ("<sip:a@example.com>;tag=first;tag=second", "first"),
            ("\"Esc \\\" quote\" <sip:a@example.com>;tag=after-escape", "after-escape"),
            ("<sip:a@example.com>;tag=\"quoted\"", nil),
            ("<sip:a@example.com>;tag", nil),
            ("<sip:a@example.com>", nil),
            // A ';' before the only '<': the parser reads all before '<' as a display name (with a
            // note), so the tag is the one after '>' (a fuzzer finding).
            ("a@example.com>;tag:1.From: Bell, A <sip:a@example.com>;tag=43", "43"),
            ("sip:a@example.com;tag;x=\"<\" <sip:b@example.com>;tag=44", "44"),
        ] as [(String, String?)]
    )
    func tagsMatchTheAddressParser(header: String, expected: String?) throws {
        let message = try #require(Self.message(from: header))
        #expect(message.fromTag() == ((try? message.from()) ?? nil)?.tag)
        #expect(message.fromTag() == expected || (expected == nil && header.contains("\"quoted\"")))
    }

    @Test(
        arguments: [
            ("SIP/2.0/UDP Host.Example.COM:5060;branch=z9hG4bK1", "z9hG4bK1", "host.example.com:5060"),
            ("SIP / 2.0 / TCP 192.0.2.1 ;received=192.0.2.2;branch=b2", "b2", "192.0.2.1"),
            ("SIP/2.0/UDP [2001:DB8::1]:5062;branch=v6", "v6", "[2001:db8::1]:5062"),
            (
                "SIP/2.0/UDP a.example.com;rport;branch=z9hG4bKx, SIP/2.0/UDP b;branch=second", "z9hG4bKx",
                "a.example.com"
            ),
            ("SIP/2.0/UDP h:05060", nil, "h:5060"),
        ] as [(String, String?, String)]
    )
    func viaIdentityMatchesTheViaParser(header: String, branch: String?, sentBy: String) throws {
        let message = try #require(Self.message(via: header))
        let identity = try #require(message.topViaTransactionIdentity())
        let via = try #require(try message.topVia())
        let host = via.host.text.lowercased()
        #expect(identity.branch == via.branch)
        #expect(identity.sentBy == via.port.map { "\(host):\($0)" } ?? host)
        #expect(identity.branch == branch)
        #expect(identity.sentBy == sentBy)
        // The bytes are given exactly when the sent-by is written in its normal form.
        let bytes = message.topViaTransactionIdentityBytes()
        #expect((bytes != nil) == header.contains(sentBy))
        if let bytes {
            #expect(bytes.branch.map { String(decoding: $0, as: UTF8.self) } == branch)
            #expect(String(decoding: bytes.sentBy, as: UTF8.self) == sentBy)
        }
    }

    @Test(arguments: [
        "1 INVITE", " \t0009 \t INVITE \t", "2147483647 ACK", "2147483648 ACK", "4294967296 ACK",
        "00000000000000000001 BYE", "1INVITE", "1 INVITE x", "1 INV@TE", "INVITE", "1", "1 ",
        "12345678901 INVITE", "1\r\n INVITE",
    ])
    func cseqMatchesTheCSeqParser(value: String) throws {
        let message = try SIPMessage(
            parsing: "OPTIONS sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\nCall-ID: c\r\n"
                + "CSeq: \(value)\r\nContent-Length: 0\r\n\r\n"
        )
        #expect(message.cseqValue() == (try? message.cseq()) ?? nil)
        if let scanned = SIPQuickScan.cseq(Array(value.utf8)[...]) {
            #expect(scanned == (try? SIPCSeq.parse(Array(value.utf8)[...], limits: .default)))
        }
    }

    @Test func unusualShapesAreLeftToTheParser() {
        let folded: ArraySlice<UInt8> = Array("<sip:a@example.com>\r\n ;tag=x".utf8)[...]
        #expect(SIPQuickScan.tag(inAddress: folded) == nil)
        let quotedValue: ArraySlice<UInt8> = Array("<sip:a@example.com>;tag=\"x\"".utf8)[...]
        #expect(SIPQuickScan.tag(inAddress: quotedValue) == nil)
        let comment: ArraySlice<UInt8> = Array("SIP/2.0/UDP h (comment);branch=1".utf8)[...]
        #expect(SIPQuickScan.viaIdentity(comment) == nil)
        let hugePort: ArraySlice<UInt8> = Array("SIP/2.0/UDP h:99999999;branch=1".utf8)[...]
        #expect(SIPQuickScan.viaIdentity(hugePort) == nil)
    }
}
