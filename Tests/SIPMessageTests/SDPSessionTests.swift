import Testing

@testable import SIPMessage

@Suite struct SDPSessionTests {
    private func parse(_ text: String, limits: SIPParseLimits = .default) throws(SIPParseError) -> SDPSession {
        try SDPSession.parse(Array(text.utf8)[...], limits: limits)
    }

    private func messages(_ session: SDPSession) -> [String] {
        session.notes.map(\.message)
    }

    // MARK: - Corpus bodies

    /// RFC 4475 section 3.3.15 (sdp01.dat); the same body is in wsinv.dat, unreason.dat, longreq.dat.
    @Test func parsesRFC4475SDP01() throws {
        let session = try SDPSession.parse(BodyFixtures.sdp01[...], limits: .default)
        #expect(session.version == 0)
        #expect(
            session.origin
                == SDPOrigin(
                    username: "mhandley",
                    sessionID: "29739",
                    sessionVersion: "7272939",
                    networkType: "IN",
                    addressType: "IP4",
                    unicastAddress: "192.0.2.5"
                )
        )
        #expect(session.origin?.sessionVersionNumber == 7_272_939)
        #expect(session.sessionName == "-")
        #expect(session.connection == SDPConnection(networkType: "IN", addressType: "IP4", address: "192.0.2.5"))
        #expect(session.timings == [SDPTiming(start: 0, stop: 0)])
        #expect(session.timings.first?.isUnbounded == true)
        #expect(session.media.count == 2)
        let audio = try #require(session.media.first)
        #expect(audio.mediaType == "audio")
        #expect(audio.port == 49217)
        #expect(audio.portCount == nil)
        #expect(audio.transportProtocol == "RTP/AVP")
        #expect(audio.formats == ["0", "12"])
        #expect(audio.line == "audio 49217 RTP/AVP 0 12")
        #expect(session.codecs(for: audio).map(\.name) == ["PCMU/8000", "QCELP/8000"])
        #expect(session.codecs(for: audio).allSatisfy { $0.isFromStaticTable })
        let video = try #require(session.media.last)
        #expect(video.attributes == [SDPAttribute(name: "rtpmap", value: "31 LPC")])
        // The rtpmap overrides the static table (31 is H261) even without a clock rate.
        #expect(video.rtpMaps == [SDPRTPMap(payloadType: 31, encodingName: "LPC", clockRate: nil)])
        #expect(session.codecs(for: video).map(\.description) == ["31 LPC"])
        #expect(session.effectiveConnection(for: video)?.address == "192.0.2.5")
        #expect(session.direction(for: audio) == .sendrecv)
        #expect(!session.isHold)
        #expect(messages(session) == ["a=rtpmap:31 LPC has no clock rate (RFC 8866 section 6.6)"])
        #expect(session.notes.first?.offset == 133)
    }

    /// Kamailio test/misc/sip/invite00.sip: LF line ends, `b=CT:1000`, `a=rtpmap: 3 GSM/8000`.
    @Test func parsesKamailioInvite() throws {
        let session = try SDPSession.parse(BodyFixtures.kamailioInvite00[...], limits: .default)
        #expect(session.bandwidths == [SDPBandwidth(type: "CT", value: 1000)])
        let audio = try #require(session.media.first)
        #expect(audio.port == 54742)
        #expect(audio.payloadTypes == [97, 111, 112, 6, 0, 8, 4, 5, 3, 101])
        #expect(
            session.codecs(for: audio).map(\.name) == [
                "red/8000", "SIREN/16000", "G7221/16000", "DVI4/16000", "PCMU/8000", "PCMA/8000", "G723/8000",
                "DVI4/8000", "GSM/8000", "telephone-event/8000",
            ]
        )
        #expect(audio.fmtp(for: 101) == "0-16")
        #expect(audio.fmtp(for: 111) == "bitrate=16000")
        #expect(audio.fmtp(for: 0) == nil)
        #expect(session.codecs(for: audio).last?.parameters == "0-16")
        #expect(audio.rtpMap(for: 3) == SDPRTPMap(payloadType: 3, encodingName: "GSM", clockRate: 8000))
        #expect(messages(session) == ["SDP lines end with LF instead of CRLF (RFC 8866 section 5 tolerates it)"])
        #expect(session.notes.first?.isViolation == false)
    }

    /// Kamailio test/misc/sip/sg.sip: empty `s=`, `c=` with two extra words, no `t=`.
    @Test func parsesKamailioSloppySDP() throws {
        let session = try SDPSession.parse(BodyFixtures.kamailioSG[...], limits: .default)
        #expect(session.origin?.sessionID == "1589702922991241424")
        #expect(session.sessionName == "")
        #expect(session.connection?.address == "137.132.31.151")
        #expect(session.media.first?.formats == ["0"])
        #expect(session.timings.isEmpty)
        #expect(
            messages(session) == [
                "s= is empty; RFC 8866 section 5.3 asks for at least one character ('-')",
                "c= has 5 fields instead of 3; the extra ones are ignored (RFC 8866 section 5.7)",
                "mandatory t= line is missing (RFC 8866 section 5)",
            ]
        )
    }

    /// RFC 5118 section 4.8 (mult-ip-in-sdp): per-media c= lines, one IPv4 and one IPv6, no
    /// session-level c=, an empty s= (the archive's bytes, LF line ends).
    @Test func parsesRFC5118PerMediaConnections() throws {
        let session = try parse(
            "v=0\no=bob 280744730 28977631 IN IP4 host.example.com\ns=\nt=0 0\nm=audio 22334 RTP/AVP 0\n"
                + "c=IN IP4 192.0.2.1\nm=video 6024 RTP/AVP 107\nc=IN IP6 2001:db8::1\n"
                + "a=rtpmap:107 H263-1998/90000\n"
        )
        #expect(session.connection == nil)
        #expect(session.media.map { session.effectiveConnection(for: $0)?.address } == ["192.0.2.1", "2001:db8::1"])
        #expect(session.media.last.map { session.effectiveConnection(for: $0)?.addressType } == "IP6")
        #expect(session.media.map { session.codecs(for: $0).map(\.name) } == [["PCMU/8000"], ["H263-1998/90000"]])
        #expect(
            messages(session) == [
                "s= is empty; RFC 8866 section 5.3 asks for at least one character ('-')",
                "SDP lines end with LF instead of CRLF (RFC 8866 section 5 tolerates it)",
            ]
        )
    }

    /// RFC 4475 section 3.1.2.18 (mismatch02.dat): the body lacks s= and t=.
    @Test func notesMissingMandatoryLinesOfRFC4475Mismatch02() throws {
        let session = try parse(
            "v=0\r\no=mhandley 29739 7272939 IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.1\r\n"
                + "m=audio 49217 RTP/AVP 0 12\r\nm=video 3227 RTP/AVP 31\r\na=rtpmap:31 LPC\r\n"
        )
        #expect(session.media.count == 2)
        #expect(
            messages(session) == [
                "a=rtpmap:31 LPC has no clock rate (RFC 8866 section 6.6)",
                "mandatory s= line is missing (RFC 8866 section 5)",
                "mandatory t= line is missing (RFC 8866 section 5)",
            ]
        )
    }

    // MARK: - Typed attributes

    static let webRTC = """
        v=0\r
        o=- 4611731400430051336 2 IN IP4 127.0.0.1\r
        s=-\r
        t=0 0\r
        a=group:BUNDLE 0\r
        a=fingerprint:sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2\r
        m=audio 54400 UDP/TLS/RTP/SAVPF 111 0 8 13 110\r
        c=IN IP4 203.0.113.1\r
        b=AS:64\r
        a=rtcp:54401 IN IP4 203.0.113.1\r
        a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0\r
        a=candidate:435653019 1 tcp 1845501695 203.0.113.1 9 typ srflx raddr 192.168.0.196 rport 0 tcptype active\r
        a=ice-ufrag:Oyef7uvBlwafI3hT\r
        a=ice-pwd:T0teqPLNQQOf+5W+ls+P2p16\r
        a=setup:actpass\r
        a=mid:0\r
        a=sendrecv\r
        a=rtcp-mux\r
        a=rtpmap:111 opus/48000/2\r
        a=fmtp:111 minptime=10;useinbandfec=1\r
        a=rtpmap:110 telephone-event/48000\r
        a=ptime:20\r
        a=maxptime:22.5\r
        a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4\r
        a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32\r

        """

    @Test func readsTypedAttributes() throws {
        let session = try parse(Self.webRTC)
        #expect(session.notes.isEmpty)
        #expect(session.hasFingerprint)
        #expect(session.fingerprints.first?.hashFunction == "sha-256")
        #expect(session.attribute(named: "group")?.value == "BUNDLE 0")
        // Attribute names are case-sensitive (RFC 8866 section 9): lookups match exactly.
        #expect(session.attribute(named: "GROUP") == nil)
        let audio = try #require(session.media.first)
        #expect(audio.transportProtocol == "UDP/TLS/RTP/SAVPF")
        #expect(audio.isRTP)
        #expect(!audio.hasFingerprint)
        #expect(audio.bandwidths == [SDPBandwidth(type: "AS", value: 64)])
        #expect(
            audio.rtcp
                == SDPRTCP(
                    port: 54401,
                    connection: SDPConnection(networkType: "IN", addressType: "IP4", address: "203.0.113.1")
                )
        )
        #expect(audio.rtcpMux)
        #expect(audio.setup == "actpass")
        #expect(audio.mid == "0")
        #expect(audio.direction == .sendrecv)
        #expect(audio.iceUfrag == "Oyef7uvBlwafI3hT")
        #expect(audio.hasICEUfrag)
        #expect(audio.hasICEPassword)
        #expect(audio.ptime == 20)
        #expect(audio.maxptime == 22.5)
        #expect(audio.hasCrypto)
        #expect(
            audio.cryptoSuites == [
                SDPCrypto(tag: 1, suite: "AES_CM_128_HMAC_SHA1_80"),
                SDPCrypto(tag: 2, suite: "AES_CM_128_HMAC_SHA1_32"),
            ]
        )
        #expect(
            audio.candidates == [
                SDPCandidate(
                    foundation: "1467250027",
                    component: 1,
                    transport: "udp",
                    priority: 2_122_260_223,
                    address: "192.168.0.196",
                    port: 46243,
                    type: "host",
                    extensions: SIPParameters([SIPParameter(name: "generation", value: "0")])
                ),
                SDPCandidate(
                    foundation: "435653019",
                    component: 1,
                    transport: "tcp",
                    priority: 1_845_501_695,
                    address: "203.0.113.1",
                    port: 9,
                    type: "srflx",
                    relatedAddress: "192.168.0.196",
                    relatedPort: 0,
                    extensions: SIPParameters([SIPParameter(name: "tcptype", value: "active")])
                ),
            ]
        )
        #expect(
            audio.candidates.last?.description
                == "435653019 1 tcp 1845501695 203.0.113.1 9 typ srflx raddr 192.168.0.196 rport 0 tcptype active"
        )
        #expect(
            audio.codecs.map(\.name) == ["opus/48000/2", "PCMU/8000", "PCMA/8000", "CN/8000", "telephone-event/48000"]
        )
        #expect(audio.codecs.first?.parameters == "minptime=10;useinbandfec=1")
    }

    /// RFC 4568 section 9.1 keys and RFC 8839 section 5.4 ice-pwd never appear when printed.
    @Test func neverPrintsSecrets() throws {
        let session = try parse(Self.webRTC + "k=base64:c2VjcmV0a2V5\r\n")
        let secrets = [
            "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", "NzB4d1BINUAvLEw6UzF3WSJ", "T0teqPLNQQOf", "c2VjcmV0a2V5",
        ]
        var dumped = ""
        dump(session, to: &dumped)
        var dumpedBody = ""
        dump(SIPBody.sdp(session), to: &dumpedBody)
        let renderings = [
            session.description, String(describing: session), String(reflecting: session), dumped, dumpedBody,
            String(describing: session.media), String(reflecting: session.media), "\(session.media[0].attributes)",
            session.notes.description,
        ]
        for rendering in renderings {
            for secret in secrets {
                #expect(!rendering.contains(secret), "\(secret) leaked")
            }
        }
        #expect(session.description.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 <redacted>\r\n"))
        #expect(session.description.contains("a=ice-pwd:<redacted>\r\n"))
        #expect(session.description.contains("a=ice-ufrag:Oyef7uvBlwafI3hT\r\n"))
        // The raw value stays available to code that asks for it.
        #expect(session.media.first?.attribute(named: "ice-pwd")?.value == "T0teqPLNQQOf+5W+ls+P2p16")
        #expect(session.media.first?.keyMethod == "base64")
    }

    @Test func descriptionRebuildsTheSDP() throws {
        let session = try SDPSession.parse(BodyFixtures.sdp01[...], limits: .default)
        #expect(session.description == String(decoding: BodyFixtures.sdp01, as: UTF8.self))
    }

    // MARK: - Direction and hold

    @Test(arguments: [
        // (session-level lines, media-level lines, expected direction, expected hold)
        ("", "", SDPDirection.sendrecv, false),
        ("", "a=sendonly\r\n", .sendonly, true),
        ("", "a=inactive\r\n", .inactive, true),
        ("", "a=recvonly\r\n", .recvonly, false),
        ("a=inactive\r\n", "", .inactive, true),
        ("a=inactive\r\n", "a=sendrecv\r\n", .sendrecv, false),
        ("a=sendonly\r\n", "a=recvonly\r\n", .recvonly, false),
        ("", "c=IN IP4 0.0.0.0\r\n", .sendrecv, true),
    ])
    func directionAndHold(
        session sessionLines: String,
        media mediaLines: String,
        direction: SDPDirection,
        hold: Bool
    )
        throws
    {
        let text =
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\(sessionLines)"
            + "m=audio 4000 RTP/AVP 0\r\n\(mediaLines)"
        let session = try parse(text)
        let audio = try #require(session.media.first)
        #expect(session.direction(for: audio) == direction)
        #expect(session.isHold(audio) == hold)
        #expect(session.isHold == hold)
        #expect(session.notes.isEmpty)
    }

    @Test func holdIgnoresRejectedStreamsAndNeedsOne() throws {
        let held = try parse(
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                + "m=video 0 RTP/AVP 31\r\n"
        )
        #expect(held.isHold)
        #expect(held.media.last?.isRejected == true)
        let none = try parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n")
        #expect(!none.isHold)
        let partly = try parse(
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                + "a=sendonly\r\nm=video 5000 RTP/AVP 31\r\n"
        )
        #expect(!partly.isHold)
    }

    // MARK: - Connections

    @Test func parsesMulticastConnections() throws {
        let session = try parse(
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 224.2.36.42/127/3\r\nt=0 0\r\n"
                + "m=video 51372/2 RTP/AVP 99\r\nc=IN IP6 FF15::101/3\r\nc=IN IP6 FF15::102\r\na=rtpmap:99 h263-1998/90000\r\n"
        )
        #expect(
            session.connection
                == SDPConnection(
                    networkType: "IN",
                    addressType: "IP4",
                    address: "224.2.36.42",
                    ttl: 127,
                    numberOfAddresses: 3
                )
        )
        #expect(session.connection?.isMulticast == true)
        #expect(session.connection?.description == "IN IP4 224.2.36.42/127/3")
        let video = try #require(session.media.first)
        #expect(video.port == 51372)
        #expect(video.portCount == 2)
        #expect(video.connections.map(\.numberOfAddresses) == [3, nil])
        #expect(video.connections.first?.ttl == nil)
        #expect(video.connections.first?.isMulticast == true)
        #expect(session.effectiveConnection(for: video)?.address == "FF15::101")
        #expect(session.codecs(for: video).map(\.name) == ["h263-1998/90000"])
        #expect(session.notes.isEmpty)
    }

    // MARK: - Lenient inputs

    static let head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"

    /// Each input parses, with exactly these note messages.
    @Test(arguments: [
        (
            head + "m=audio 70000 RTP/AVP 0\r\n",
            ["m= port '70000' is not a number in 0...65535 (RFC 8866 section 5.14)"]
        ),
        (
            head + "m=audio 4000/99999999999999999999 RTP/AVP 0\r\n",
            ["m= port count '99999999999999999999' is not a number in 1...65535 (RFC 8866 section 5.14)"]
        ),
        (head + "m=audio 4000 RTP/AVP\r\n", ["m= lists no format (RFC 8866 section 5.14)"]),
        (head + "m=audio\r\n", ["m= needs <media> <port> <proto> <fmt>..., found 1 fields (RFC 8866 section 5.14)"]),
        (
            head + "m=audio 4000 RTP/AVP 0 x\r\n",
            ["m= format 'x' is not an RTP payload type 0-127 (RFC 8866 section 5.14)"]
        ),
        (
            head + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n",
            ["a=rtpmap:0 PCMU has no clock rate (RFC 8866 section 6.6)"]
        ),
        (
            head + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/\r\n",
            ["a=rtpmap ignored: rtpmap clock rate '' is not a positive number (RFC 8866 section 6.6)"]
        ),
        (
            head + "a=rtpmap:128 x/8000\r\n",
            [
                "a=rtpmap ignored: rtpmap '128 x/8000' is not <payload type 0-127> <encoding>/<clock rate> (RFC 8866 section 6.6)"
            ]
        ),
        (head + "a=ptime:abc\r\n", ["a=ptime 'abc' is not a positive number of milliseconds (RFC 8866 section 6.4)"]),
        (head + "a=ptime\r\n", ["a=ptime has no value (RFC 8866 section 6)"]),
        (head + "a=sendonly:x\r\n", ["a=sendonly takes no value (RFC 8866 section 6.7)"]),
        (
            head + "a=setup:maybe\r\n",
            ["a=setup 'maybe' is not active, passive, actpass or holdconn (RFC 4145 section 4)"]
        ),
        (
            head + "a=crypto:1 AES\r\n",
            ["a=crypto ignored: crypto attribute is not <tag> <suite> <key-params> (RFC 4568 section 9.1)"]
        ),
        (
            head + "a=candidate:1 1 udp 1 192.0.2.1 70000 typ host\r\n",
            ["a=candidate ignored: candidate port '70000' is not a number in 0...65535 (RFC 8839 section 5.1)"]
        ),
        (
            head + "a=candidate:1 1 udp 1 192.0.2.1 7000 host\r\n",
            ["a=candidate ignored: candidate has 7 fields, needs at least 8 (RFC 8839 section 5.1)"]
        ),
        (
            head + "a=fingerprint:sha-256\r\n",
            ["a=fingerprint ignored: fingerprint is not <hash function> <fingerprint> (RFC 8122 section 5)"]
        ),
        (
            head + "a=rtcp:x\r\n",
            ["a=rtcp ignored: rtcp 'x' is not <port 0-65535> [<nettype> <addrtype> <address>] (RFC 3605 section 2.1)"]
        ),
        (head + "a=:x\r\n", ["a= without an attribute name ignored (RFC 8866 section 5.13)"]),
        (head + "x=unknown\r\n", ["unknown SDP line type 'x=' ignored (RFC 8866 section 5)"]),
        (
            head + "m=audio 4000 RTP/AVP 0\r\ngarbage\r\n\u{0}\u{1}\r\n",
            ["lines that are not <type>=<value> ignored (RFC 8866 section 5)"]
        ),
        (head + "m=audio 4000 RTP/AVP 0", ["the last SDP line is not ended by CRLF (RFC 8866 section 5)"]),
        (head + "\r\n\r\n", ["empty line in SDP ignored (RFC 8866 section 5 has none)"]),
        (head + "a = x\r\n", ["white space around '=' (RFC 8866 section 5 allows none)"]),
        (
            "o=- 1 1 IN IP4 h\r\ns=-\r\n",
            [
                "the first SDP line is not v= (RFC 8866 section 5)",
                "mandatory v= line is missing (RFC 8866 section 5)",
                "mandatory t= line is missing (RFC 8866 section 5)",
            ]
        ),
        (
            "v=1\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nv=0\r\n",
            ["v=1 is not version 0 (RFC 8866 section 5.1)", "repeated v= line; the first is kept (RFC 8866 section 5)"]
        ),
        (
            "v=0\r\no=- 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n",
            [
                "o= needs 6 fields (username, session id, version, network type, address type, address), found 5 "
                    + "(RFC 8866 section 5.2)"
            ]
        ),
        ("v=0\r\no=- x 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n", ["o= session id 'x' is not numeric (RFC 8866 section 5.2)"]),
        (
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0\r\n",
            ["t= '0' is not <start> <stop> in decimal NTP seconds (RFC 8866 section 5.9)"]
        ),
        (
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nr=1 2 3\r\nt=0 0\r\n",
            ["r= without a preceding t= ignored (RFC 8866 section 5.10)"]
        ),
        (head + "b=AS\r\n", ["b= 'AS' is not <type>:<number> (RFC 8866 section 5.8)"]),
        (
            head + "c=IN IP4\r\n",
            ["c= needs 3 fields (network type, address type, address), found 2 (RFC 8866 section 5.7)"]
        ),
        (
            head + "c=IN IP4 224.0.0.1/300\r\n",
            ["c= TTL '300' is not a number in 0...255 (RFC 8866 section 5.7)"]
        ),
        (
            head + "m=audio 4000 RTP/AVP 0\r\nt=0 0\r\n",
            ["t= line inside a media description (RFC 8866 section 5 allows it only before m=)"]
        ),
        (head + "k=clear:secret\r\n", ["k= is obsolete (RFC 8866 section 5.12)"]),
    ])
    func notesLenientInput(text: String, expected: [String]) throws {
        let session = try parse(text)
        #expect(messages(session) == expected)
    }

    @Test func keepsMalformedMediaSoLaterLinesStayWithIt() throws {
        let session = try parse(Self.head + "m=audio 70000 RTP/AVP 0\r\na=sendonly\r\nm=video 5000 RTP/AVP 31\r\n")
        #expect(session.media.count == 2)
        #expect(session.media.first?.port == nil)
        #expect(session.media.first?.direction == .sendonly)
        #expect(session.direction == nil)
        #expect(session.media.last?.port == 5000)
    }

    @Test func offsetsAreMessageOffsets() throws {
        let prefix = Array("INVITE sip:x SIP/2.0\r\n\r\n".utf8)
        let message = prefix + Array((Self.head + "x=1\r\n").utf8)
        let session = try SDPSession.parse(message[prefix.count...], limits: .default)
        #expect(session.notes.map(\.offset) == [prefix.count + Self.head.utf8.count])
    }

    // MARK: - Errors

    @Test(arguments: [
        ("", SIPParseError.Code.invalidBody, "no <type>=<value> line"),
        ("\r\n\r\n", .invalidBody, "no <type>=<value> line"),
        ("garbage\r\nv=0\r\n", .invalidBody, "the first line is not <type>=<value>"),
        ("\u{0}\u{1}\u{2}", .invalidBody, "the first line is not <type>=<value>"),
        ("=0\r\n", .invalidBody, "the first line is not <type>=<value>"),
        ("<html></html>", .invalidBody, "the first line is not <type>=<value>"),
    ])
    func rejectsNonSDP(text: String, code: SIPParseError.Code, fragment: String) {
        #expect {
            _ = try parse(text)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == code && error.reason.contains(fragment)
        }
    }

    @Test func capsTheNumberOfLines() {
        var limits = SIPParseLimits()
        limits.maxSDPLines = 10
        let text = Self.head + String(repeating: "a=x\r\n", count: 6)
        #expect {
            _ = try parse(text, limits: limits)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == .limitExceeded && error.reason.contains("maxSDPLines")
                && error.offset == Self.head.utf8.count + 5 * 5
        }
        #expect((try? parse(Self.head + String(repeating: "a=x\r\n", count: 5), limits: limits)) != nil)
        // Empty lines count too: a body of line breaks cannot run up the cost.
        #expect(throws: SIPParseError.self) { _ = try parse(String(repeating: "\n", count: 11), limits: limits) }
    }

    @Test func survivesHugeCountsAndLongLines() throws {
        let candidates = String(repeating: " x y", count: 200)
        let session = try parse(
            Self.head + "m=audio 4000 RTP/AVP " + String(repeating: "0 ", count: 5000) + "\r\n"
                + "a=candidate:1 1 udp 1 192.0.2.1 7000 typ host\(candidates)\r\n"
                + "a=rtpmap:0 PCMU/99999999999999999999999\r\n"
        )
        #expect(session.media.first?.formats.count == 5000)
        #expect(session.media.first?.candidates == [])
        #expect(
            messages(session) == [
                "a=candidate ignored: more than 64 candidate extensions (limit maxParameters)",
                "a=rtpmap ignored: rtpmap clock rate '99999999999999999999999' is not a positive number "
                    + "(RFC 8866 section 6.6)",
            ]
        )
    }

    /// An m= line with 60 000 formats and 3 000 a=fmtp lines: codecs are looked up through
    /// tables, not a scan of the attributes per format.
    @Test func codecLookupStaysLinear() throws {
        let formats = (0..<60_000).map { String(96 + $0 % 32) }.joined(separator: " ")
        let fmtps = (0..<3_000).map { "a=fmtp:\(96 + $0 % 32) p=\($0)\r\n" }.joined()
        let session = try parse(Self.head + "m=audio 4000 RTP/AVP \(formats)\r\n\(fmtps)")
        let codecs = try #require(session.media.first?.codecs)
        #expect(codecs.count == 60_000)
        #expect(codecs.first?.parameters == "p=0")
        #expect(codecs.first?.name == "96")
        #expect(codecs.last?.parameters == "p=31")
    }

    // MARK: - Every prefix

    @Test func everyPrefixParsesOrThrows() {
        for body in [Array(Self.webRTC.utf8), BodyFixtures.sdp01, BodyFixtures.kamailioInvite00] {
            for length in 0...body.count {
                do {
                    let session = try SDPSession.parse(body[..<length], limits: .default)
                    // Touch every accessor: none may trap on a cut value.
                    for media in session.media {
                        _ = (session.codecs(for: media), media.candidates, media.cryptoSuites, media.rtcp)
                        _ = (media.ptime, media.maxptime, media.setup, media.fingerprints, session.isHold(media))
                    }
                    _ = session.description
                } catch {
                    #expect(error.code == .invalidBody)
                }
            }
        }
    }

    /// The a= lines counted ahead of each m= section size its arrays; every prefix of the body
    /// (cut anywhere, also inside a= names) still reads the same attributes as a full parse would.
    @Test func attributesOfEachMediaSection() throws {
        let text =
            "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio 1 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\nm=video 2 RTP/AVP 96\r\n"
            + "m=audio 3 RTP/AVP 8\na=rtpmap:8 PCMA/8000\na=fmtp:8 x=1\na=rtpmap"
        let session = try parse(text)
        #expect(session.media.map { $0.attributes.count } == [4, 0, 3])
        #expect(session.media.map { $0.rtpMaps.map(\.encodingName) } == [["PCMU", "telephone-event"], [], ["PCMA"]])
        #expect(session.media.map { $0.fmtp(for: 101) } == ["0-16", nil, nil])
        #expect(session.media[2].fmtp(for: 8) == "x=1")
        #expect(session.media[0].codecs.map(\.description) == ["0 PCMU/8000", "101 telephone-event/8000"])
        let bytes = Array(text.utf8)
        for end in 1..<bytes.count {
            guard let prefix = try? SDPSession.parse(bytes[..<end], limits: .default) else { continue }
            let full = prefix.media.map { media in media.attributes.map(\.name) }
            #expect(prefix.media.count <= session.media.count)
            for (index, names) in full.enumerated() {
                #expect(names.count <= session.media[index].attributes.count)
            }
        }
    }
}
