import Testing

@testable import SIPMessage

@Suite struct SDPDecodedAttributesTests {
    private func parse(_ text: String) throws(SIPParseError) -> SDPSession {
        try SDPSession.parse(Array(text.utf8)[...], limits: .default)
    }

    static let head = SDPSessionTests.head

    /// RFC 8866 section 9: `attribute-name = token`, case-sensitive. Known names in another case
    /// are read as the known attribute, each with a note; lookups by name stay exact.
    @Test func knownNamesInAnotherCaseAreReadWithANote() throws {
        let session = try parse(
            Self.head + "m=audio 4000 RTP/AVP 0 96\r\na=RTPMAP:96 opus/48000/2\r\na=Fmtp:96 useinbandfec=1\r\n"
                + "a=SendOnly\r\na=PTIME:30\r\na=X-Vendor:1\r\n"
        )
        let audio = try #require(session.media.first)
        #expect(audio.rtpMaps == [SDPRTPMap(payloadType: 96, encodingName: "opus", clockRate: 48000, channels: 2)])
        #expect(audio.codecs.map(\.name) == ["PCMU/8000", "opus/48000/2"])
        #expect(audio.codecs.last?.parameters == "useinbandfec=1")
        #expect(audio.fmtp(for: 96) == "useinbandfec=1")
        #expect(audio.direction == .sendonly)
        #expect(audio.ptime == 30)
        #expect(audio.attributes(named: "rtpmap").isEmpty)
        #expect(audio.attribute(named: "RTPMAP")?.value == "96 opus/48000/2")
        #expect(!audio.hasAttribute("sendonly"))
        #expect(
            session.notes.map(\.message) == [
                "a=RTPMAP read as a=rtpmap: attribute names are case-sensitive (RFC 8866 section 9)",
                "a=Fmtp read as a=fmtp: attribute names are case-sensitive (RFC 8866 section 9)",
                "a=SendOnly read as a=sendonly: attribute names are case-sensitive (RFC 8866 section 9)",
                "a=PTIME read as a=ptime: attribute names are case-sensitive (RFC 8866 section 9)",
            ]
        )
        #expect(session.notes.allSatisfy { $0.isViolation && $0.code == .invalidBody })
        // Each note points at its line: the head is 63 bytes, the m= line 27.
        #expect(session.notes.map(\.offset) == [90, 116, 142, 154])
    }

    /// Secrets stay hidden whatever the case of the name.
    @Test func redactsSecretsInAnyCase() throws {
        let session = try parse(
            Self.head + "a=CRYPTO:1 AES_CM_128_HMAC_SHA1_80 inline:c2VjcmV0\r\na=ICE-PWD:hidden\r\n"
        )
        #expect(session.hasCrypto)
        #expect(session.hasICEPassword)
        #expect(!session.description.contains("c2VjcmV0"))
        #expect(!session.description.contains("hidden"))
        #expect(session.cryptoSuites == [SDPCrypto(tag: 1, suite: "AES_CM_128_HMAC_SHA1_80")])
    }

    /// Only the first line of a single-valued attribute counts, even when it does not parse.
    @Test func firstLineWins() throws {
        let session = try parse(
            Self.head + "a=ptime:x\r\na=ptime:20\r\na=maxptime\r\na=maxptime:40\r\na=rtcp:x\r\na=rtcp:9\r\n"
                + "a=setup:Active\r\na=setup:passive\r\na=mid:1\r\na=mid:2\r\na=ice-ufrag:u1\r\na=ice-ufrag:u2\r\n"
                + "a=inactive\r\na=sendrecv\r\n"
        )
        #expect(session.ptime == nil)
        #expect(session.maxptime == nil)
        #expect(session.rtcp == nil)
        #expect(session.setup == "active")
        #expect(session.mid == "1")
        #expect(session.iceUfrag == "u1")
        #expect(session.direction == .inactive)
        #expect(
            session.notes.map(\.message) == [
                "a=ptime 'x' is not a positive number of milliseconds (RFC 8866 section 6.4)",
                "a=maxptime has no value (RFC 8866 section 6)",
                "a=rtcp ignored: rtcp 'x' is not <port 0-65535> [<nettype> <addrtype> <address>] (RFC 3605 section 2.1)",
            ]
        )
    }

    /// The first a=rtpmap and a=fmtp of a format win, through the scan (few lines) and through
    /// the look-up tables (many lines) alike.
    @Test(arguments: [2, 12])
    func firstRTPMapAndFmtpWin(extraLines: Int) throws {
        let extra = (0..<extraLines).map { "a=rtpmap:\(100 + $0) x\($0)/8000\r\na=fmtp:\(100 + $0) p=\($0)\r\n" }
            .joined()
        let session = try parse(
            Self.head + "m=audio 4000 RTP/AVP 96 8 101\r\na=rtpmap:96 first/8000\r\na=rtpmap:96 second/16000\r\n"
                + "a=fmtp:96 a=1\r\na=fmtp:96 a=2\r\na=fmtp:8\r\n\(extra)"
        )
        let codecs = try #require(session.media.first?.codecs)
        #expect(codecs.map(\.name) == ["first/8000", "PCMA/8000", "x1/8000"])
        #expect(codecs.map(\.parameters) == ["a=1", "", "p=1"])
        #expect(codecs.map(\.isFromStaticTable) == [false, true, false])
        #expect(session.media.first?.rtpMap(for: 96)?.encodingName == "first")
        #expect(session.media.first?.fmtp(for: 96) == "a=1")
        #expect(session.media.first?.fmtp(for: 9) == nil)
    }

    /// Non-RTP formats are names, never payload types.
    @Test func nonRTPFormatsAreNames() throws {
        let session = try parse(Self.head + "m=image 4000 udptl t38\r\na=fmtp:t38 T38FaxVersion=0\r\n")
        let codecs = try #require(session.media.first?.codecs)
        #expect(
            codecs == [
                SDPCodec(
                    format: "t38",
                    payloadType: nil,
                    encodingName: nil,
                    clockRate: nil,
                    parameters: "T38FaxVersion=0"
                )
            ]
        )
        #expect(session.notes.isEmpty)
    }

    /// Setting `attributes` decodes them again, so the typed accessors always agree.
    @Test func settingAttributesDecodesThem() throws {
        var session = try parse(Self.head + "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\na=sendonly\r\n")
        var audio = try #require(session.media.first)
        #expect(audio.direction == .sendonly)
        audio.attributes = [
            SDPAttribute(name: "rtpmap", value: "96 AMR/8000"), SDPAttribute(name: "inactive", value: nil),
        ]
        #expect(audio.direction == .inactive)
        #expect(audio.codecs.map(\.name) == ["AMR/8000"])
        audio.attributes.append(SDPAttribute(name: "fmtp", value: "96 octet-align=1"))
        #expect(audio.codecs.first?.parameters == "octet-align=1")
        session.attributes = [SDPAttribute(name: "rtcp-mux", value: nil)]
        #expect(session.rtcpMux)
        #expect(SDPDecodedAttributes().attributes.isEmpty)
    }

    /// What the parser builds equals what the public initialisers build from the same values:
    /// the decoded values are derived and do not take part in equality.
    @Test func parsedEqualsBuilt() throws {
        let session = try parse(Self.head + "m=audio 4000 RTP/AVP 0\r\na=ptime:20\r\na=sendrecv\r\n")
        let built = SDPMedia(
            mediaType: "audio",
            port: 4000,
            transportProtocol: "RTP/AVP",
            formats: ["0"],
            attributes: [SDPAttribute(name: "ptime", value: "20"), SDPAttribute(name: "sendrecv", value: nil)]
        )
        #expect(session.media == [built])
        #expect(built.ptime == 20)
        #expect(Set([session.media[0], built]).count == 1)
        #expect(SDPDecodedAttributes(built.attributes) == built.decodedAttributes)
        var dumped = ""
        dump(built.decodedAttributes, to: &dumped)
        #expect(dumped.contains("ptime") && !dumped.contains("rtpMaps"))
    }

    /// A container other than the SDP types decodes on access through the default.
    @Test func otherContainersDecodeOnAccess() {
        struct Lines: SDPAttributeContainer {
            var attributes: [SDPAttribute]
        }
        let lines = Lines(attributes: [
            SDPAttribute(name: "rtpmap", value: "0 PCMU/8000"), SDPAttribute(name: "recvonly", value: nil),
        ])
        #expect(lines.rtpMaps.map(\.description) == ["PCMU/8000"])
        #expect(lines.direction == .recvonly)
    }

    @Test(arguments: [
        ("RTP/AVP", true), ("rtp/savp", true), ("UDP/TLS/RTP/SAVPF", true), ("RTP", true), ("x/Rtp", true),
        ("udptl", false), ("", false), ("RTPX/AVP", false), ("RT/AVP", false), ("/", false), ("TCP/MSRP", false),
        ("RTPRTP", false),
    ])
    func recognisesRTPProfiles(proto: String, expected: Bool) {
        #expect(SDPMedia.isRTP(proto.utf8) == expected)
        #expect(SDPMedia(mediaType: "audio", port: 1, transportProtocol: proto, formats: []).isRTP == expected)
    }

    /// Every prefix of a body full of unusual lines parses or throws, and never traps.
    @Test func everyPrefixOfOddLinesParsesOrThrows() {
        let body = Array(
            (Self.head
                + "a=RTPMAP:0 PCMU/8000/1\r\nm=audio 4000/2 RTP/AVP 0 96 x\r\nc=IN IP6 FF15::1/3\r\nc=IN IP4 224.0.0.1/9/2\r\n"
                + "a=rtcp:9 IN IP4 192.0.2.1/1\r\na=fmtp:96  a=1 \r\na=ptime:22.5\r\na=maxptime:1.2.3\r\na=setup:HoldConn\r\n"
                + "a=SENDRECV:x\r\nb=AS:64\r\nk=prompt\r\n").utf8
        )
        for length in 0...body.count {
            do {
                let session = try SDPSession.parse(body[..<length], limits: .default)
                for media in session.media {
                    _ = (
                        session.codecs(for: media), media.rtcp, media.ptime, media.maxptime, media.setup,
                        media.direction
                    )
                }
                _ = session.description
            } catch {
                #expect(error.code == .invalidBody)
            }
        }
        let whole = try? SDPSession.parse(body[...], limits: .default)
        let audio = whole?.media.first
        #expect(audio?.ptime == 22.5)
        #expect(audio?.maxptime == nil)
        #expect(audio?.setup == "holdconn")
        #expect(audio?.direction == .sendrecv)
        #expect(audio?.rtcp?.connection?.ttl == 1)
        #expect(audio?.connections.map(\.numberOfAddresses) == [3, 2])
        #expect(audio?.codecs.map(\.parameters) == [nil, "a=1", nil])
    }
}
