import Testing

@testable import SIPMessage

private func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("Via: " + text).utf8)
    return bytes[5...]
}

private func parse(_ text: String) throws(SIPParseError) -> SIPVia {
    try SIPVia.parse(slice(text), limits: .default)
}

@Suite struct SIPViaTests {
    /// RFC 3261 section 25.1: sent-by = host [ COLON port ] with COLON = SWS ":" SWS.
    @Test func whiteSpaceAroundThePortColon() throws {
        for text in [
            "SIP/2.0/UDP host.example.com : 5060;branch=z9hG4bK1",
            "SIP/2.0/UDP host.example.com :5060;branch=z9hG4bK1",
            "SIP/2.0/UDP host.example.com: 5060;branch=z9hG4bK1",
            "SIP/2.0/UDP host.example.com\r\n :\t5060 ;branch=z9hG4bK1",
        ] {
            let via = try parse(text)
            #expect(via.host == .name("host.example.com"), "\(text)")
            #expect(via.port == 5060, "\(text)")
            #expect(via.branch == "z9hG4bK1", "\(text)")
        }
        let ipv6 = try parse("SIP/2.0/TCP [2001:db8::9] : 5061")
        #expect(ipv6.host == .ipv6("[2001:db8::9]"))
        #expect(ipv6.port == 5061)
        #expect(try parse("SIP/2.0/UDP 192.0.2.1 ;branch=z9hG4bK1").port == nil)
    }

    @Test func malformedSpacedPorts() {
        let cases: [(String, String, Int)] = [
            ("SIP/2.0/UDP host : ;branch=z9hG4bK1", "':' after host host has no port number", 17),
            ("SIP/2.0/UDP host :", "':' after host host has no port number", 17),
            ("SIP/2.0/UDP host : 70000", "port '70000' is larger than 65535", 19),
            ("SIP/2.0/UDP host: x", "':' after host host has no port number", 16),
            ("SIP/2.0/UDP host:5060 : 5061", "unexpected ':' after the sent-by port in Via", 22),
        ]
        for (text, reason, offset) in cases {
            #expect {
                try parse(text)
            } throws: { error in
                guard let error = error as? SIPParseError else { return false }
                return error.code == .invalidHeaderValue && error.reason.contains(reason) && error.offset == 5 + offset
            }
        }
        forEveryPrefix(of: "SIP/2.0/UDP host.example.com : 5060 ;branch=z9hG4bK1") { value throws(SIPParseError) in
            _ = try SIPVia.parse(value, limits: .default)
        }
    }

    @Test func parsesAllParts() throws {
        let via = try parse(
            "SIP/2.0/udp pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5070;maddr=224.2.0.1;ttl=16;x"
        )
        #expect(via.protocolName == "SIP")
        #expect(via.protocolVersion == "2.0")
        #expect(via.transport == "UDP")
        #expect(via.sentProtocol == "SIP/2.0/UDP")
        #expect(via.host == .name("pc33.atlanta.example.com"))
        #expect(via.port == 5066)
        #expect(via.branch == "z9hG4bK776asdhds")
        #expect(via.hasMagicCookie)
        #expect(via.received == "192.0.2.1")
        #expect(via.rport == .value(5070))
        #expect(via.maddr == "224.2.0.1")
        #expect(via.ttl == 16)
        #expect(via.parameters.count == 6)
        #expect(
            via.description
                == "SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5070;maddr=224.2.0.1;ttl=16;x"
        )
    }

    @Test func rport() throws {
        #expect(try parse("SIP/2.0/UDP a.example.com;rport").rport == .requested)
        #expect(try parse("SIP/2.0/UDP a.example.com").rport == .absent)
        #expect(try parse("SIP/2.0/UDP a.example.com;rport=0").rport == .value(0))
        var notes: [SIPParseNote] = []
        #expect(
            try SIPVia.parse(slice("SIP/2.0/UDP a.example.com;rport="), limits: .default, notes: &notes).rport
                == .requested
        )
        #expect(notes.count == 1)
    }

    /// RFC 4475 section 3.1.1.1, wsinv.dat: LWS and folding inside the Via.
    @Test func wsinv() throws {
        let via = try parse("SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw")
        #expect(via.sentProtocol == "SIP/2.0/UDP")
        #expect(via.host == .ipv4("192.0.2.2"))
        #expect(via.branch == "390skdjuw")
        #expect(!via.hasMagicCookie)
        let list = try SIPVia.parseList(
            slice(
                "SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239"
            ),
            limits: .default
        )
        #expect(list.map(\.sentProtocol) == ["SIP/2.0/TCP", "SIP/2.0/UDP"])
        #expect(list.map(\.host) == [.name("spindle.example.com"), .ipv4("192.168.255.111")])
        #expect(list.map(\.branch) == ["z9hG4bK9ikj8", "z9hG4bK30239"])
    }

    /// RFC 4475 section 3.1.1.10, transports.dat.
    @Test func transports() throws {
        let values = [
            "SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw", "SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf",
            "SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj",
            "SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en",
            "SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee",
        ]
        #expect(try values.map { try parse($0).transport } == ["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"])
    }

    /// RFC 4475 section 3.2.1 (badbranch.dat), 3.1.1.5 (esc02.dat), 3.1.1.7 (longreq.dat), 3.3.10 (bcast.dat).
    @Test func tortureValues() throws {
        let badbranch = try parse("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK")
        #expect(badbranch.branch == "z9hG4bK")
        #expect(badbranch.hasMagicCookie)
        #expect(try parse("SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234").branch == "z9hG4bK209%fzsnel234")
        let long = try parse(
            "SIP/2.0/TCP host.example.com;received=192.0.2.5;branch=verylonglonglonglonglonglonglongbranchvalue"
        )
        #expect(long.received == "192.0.2.5")
        #expect(long.branch == "verylonglonglonglonglonglonglongbranchvalue")
        #expect(try parse("SIP/2.0/TCP sip33.example.com").branch == nil)
        #expect(try parse("SIP/2.0/UDP 255.255.255.255;branch=z9hG4bK1saber23").host == .ipv4("255.255.255.255"))
        #expect(try parse("SIP/2.0/UDP 192.0.2.21:5060;branch=z9hG4bKkdjuw").port == 5060)
    }

    /// RFC 5118 sections 4.1, 4.5, 4.7, 4.9.
    @Test func ipv6() throws {
        let good = try parse("SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111")
        #expect(good.host == .ipv6("[2001:db8::9:1]"))
        #expect(try parse("SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111").port == 6050)
        var notes: [SIPParseNote] = []
        let withDelimiter = try SIPVia.parse(
            slice("SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111"),
            limits: .default,
            notes: &notes
        )
        #expect(withDelimiter.received == "[2001:db8::9:255]")
        let withoutDelimiter = try SIPVia.parse(
            slice("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3"),
            limits: .default,
            notes: &notes
        )
        #expect(withoutDelimiter.received == "2001:db8::9:255")
        #expect(notes.isEmpty)
        _ = try SIPVia.parse(slice("SIP/2.0/UDP a.example.com;received=a.example.com"), limits: .default, notes: &notes)
        #expect(notes.count == 1)
        let mixed = try SIPVia.parseList(
            slice(
                "SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;received=192.0.2.200, SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19"
            ),
            limits: .default
        )
        #expect(mixed.map(\.host) == [.ipv6("[2001:db8::9:255]"), .ipv6("[::ffff:192.0.2.10]")])
        #expect(mixed.map(\.port) == [nil, 19823])
    }

    /// Malformed Via values.
    @Test(arguments: [
        ("", SIPParseError.Code.invalidHeaderValue, "must start with the protocol name"),
        ("SIP", .invalidHeaderValue, "expected '/' after the Via protocol name"),
        ("SIP/", .invalidHeaderValue, "expected the protocol version"),
        ("SIP/2.0", .invalidHeaderValue, "expected '/' and a transport"),
        ("SIP/2.0/", .invalidHeaderValue, "expected a transport"),
        ("SIP/2.0/UDP", .invalidHeaderValue, "expected white space between the transport and sent-by"),
        ("SIP/2.0/UDP ;branch=1", .invalidHeaderValue, "expected the sent-by host"),
        ("SIP/2.0/UDP 192.0.2.15;;,;,,", .invalidHeaderValue, "expected a parameter name"),  // badinv01.dat
        ("SIP/2.0/UDP 2001:db8::1;branch=z9hG4bK1", .invalidHeaderValue, "RFC 5118 section 4.2"),
        ("SIP/2.0/UDP host:65536", .invalidHeaderValue, "larger than 65535"),
        ("SIP/2.0/UDP host;branch", .invalidHeaderValue, "branch parameter without a value"),
        ("SIP/2.0/UDP host;branch=", .invalidHeaderValue, "branch parameter without a value"),
        ("SIP/2.0/UDP host;ttl=256", .invalidHeaderValue, "ttl '256' is not a number from 0 to 255"),
        ("SIP/2.0/UDP host;ttl=0001", .invalidHeaderValue, "ttl '0001'"),
        ("SIP/2.0/UDP host;rport=70000", .invalidHeaderValue, "rport '70000' is not a port number"),
        ("SIP/2.0/UDP host!;branch=1", .invalidHeaderValue, "unexpected '!' in Via"),
        ("SIP/2.0/UDP host extra", .invalidHeaderValue, "unexpected 'e' in Via"),
    ])
    func rejects(text: String, code: SIPParseError.Code, fragment: String) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == code && error.reason.contains(fragment) && (error.offset ?? -1) >= 5
        }
    }

    @Test func emptyList() {
        #expect(throws: SIPParseError.self) { try SIPVia.parseList(slice(" , "), limits: .default) }
    }

    @Test func everyPrefix() {
        let samples = [
            "SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239",
            "SIP/2.0/UDP [2001:db8::9:1]:6050;received=[2001:db8::9:255];rport=1;ttl=1;branch=z9hG4bKas3-111",
        ]
        for sample in samples {
            let bytes = Array(sample.utf8)
            for length in 0...bytes.count {
                _ = try? SIPVia.parseList(bytes[0..<length], limits: .default)
                _ = try? SIPVia.parseList(bytes[length...], limits: .default)
            }
        }
    }
}
