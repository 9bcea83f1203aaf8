import Testing

@testable import SIPMessage

/// A parsed SDP body keeps its bytes and where each line is, and reads values on request; values
/// built in code hold them. These check that both agree, that changes stick, and that the fast
/// paths give what the field-by-field readers give.
@Suite struct SDPLazyParseTests {
    private func parse(_ text: String) throws(SIPParseError) -> SDPSession {
        try SDPSession.parse(Array(text.utf8)[...], limits: .default)
    }

    static let offer =
        "v=0\r\no=alice 2890844526 2890844527 IN IP4 192.0.2.10\r\ns=-\r\ni=A call\r\nu=http://example.com/\r\n"
        + "e=alice@example.com\r\np=+1 555 0100\r\nc=IN IP4 192.0.2.10\r\nb=CT:128\r\nt=0 0\r\nr=7d 1h 0 25h\r\n"
        + "z=2882844526 -1h\r\nk=prompt\r\na=group:BUNDLE a v\r\na=ice-ufrag:F7gI\r\n"
        + "m=audio 49170 RTP/AVP 0 8 18 101\r\ni=voice\r\nc=IN IP4 192.0.2.11\r\nb=AS:64\r\na=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\na=rtpmap:101 telephone-event/8000\r\n"
        + "a=fmtp:101 0-16\r\na=ptime:20\r\na=maxptime:40\r\na=sendonly\r\na=mid:a\r\na=rtcp:49171\r\n"
        + "m=video 0/2 RTP/AVPF 96 97\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 profile-level-id=42e01f\r\n"
        + "a=rtpmap:97 VP8/90000\r\na=setup:ACTPASS\r\na=inactive\r\n"

    /// Every property read from the bytes equals the same values given to the initialisers, and
    /// both hash alike.
    @Test func parsedEqualsBuiltFromItsValues() throws {
        let session = try parse(Self.offer)
        let media = session.media.map { item in
            SDPMedia(
                mediaType: item.mediaType,
                port: item.port,
                portCount: item.portCount,
                transportProtocol: item.transportProtocol,
                formats: item.formats,
                line: item.line,
                information: item.information,
                connections: item.connections,
                bandwidths: item.bandwidths,
                keyMethod: item.keyMethod,
                attributes: item.attributes
            )
        }
        let built = SDPSession(
            version: session.version,
            origin: session.origin,
            sessionName: session.sessionName,
            information: session.information,
            uri: session.uri,
            emails: session.emails,
            phones: session.phones,
            connection: session.connection,
            bandwidths: session.bandwidths,
            timings: session.timings,
            timeZones: session.timeZones,
            keyMethod: session.keyMethod,
            attributes: session.attributes,
            media: media,
            notes: session.notes
        )
        #expect(built == session)
        #expect(Set([built, session]).count == 1)
        #expect(session.media == media)
        #expect(built.description == session.description)
        var dumpedParsed = ""
        var dumpedBuilt = ""
        dump(session, to: &dumpedParsed)
        dump(built, to: &dumpedBuilt)
        #expect(dumpedParsed == dumpedBuilt)
        #expect(session.timings == [SDPTiming(start: 0, stop: 0, repeatTimes: ["7d 1h 0 25h"])])
        #expect(session.media[1].portCount == 2 && session.media[1].isRejected)
        #expect(session.media[0].information == "voice" && session.keyMethod == "prompt")
        #expect(session.media[0].direction == .sendonly && session.media[1].direction == .inactive)
        #expect(session.media[0].ptime == 20 && session.media[0].maxptime == 40)
        #expect(session.media[1].setup == "actpass" && session.iceUfrag == "F7gI")
    }

    /// Codecs read straight from the bytes equal those of the decoded attributes (the path of
    /// values built in code): with few lines, with many (a table per payload type), and with
    /// many `a=fmtp` lines naming other formats (the decoded attributes' tables).
    @Test(arguments: [
        "", (0..<12).map { "a=rtpmap:\(110 + $0) x\($0)/8000\r\n" }.joined(),
        (0..<12).map { "a=fmtp:\(96 + $0 % 2) p=\($0)\r\na=rtpmap:97 DUP/8000\r\n" }.joined(),
        (0..<12).map { "a=fmtp:x\($0) p=\($0)\r\na=fmtp:018 q=1\r\n" }.joined(),
    ])
    func codecsFromBytesEqualDecoded(extraLines: String) throws {
        let session = try parse(Self.offer + extraLines)
        for item in session.media {
            let built = SDPMedia(
                mediaType: item.mediaType,
                port: item.port,
                transportProtocol: item.transportProtocol,
                formats: item.formats,
                attributes: item.attributes
            )
            #expect(item.codecs == built.codecs)
            #expect(!item.codecs.isEmpty)
        }
        #expect(session.media[0].codecs.map(\.parameters) == [nil, nil, "annexb=no", "0-16"])
    }

    /// Setting a property of a parsed value keeps the others as parsed.
    @Test func settersKeepTheOtherValues() throws {
        var session = try parse(Self.offer)
        session.media[0].port = 0
        session.sessionName = "renamed"
        #expect(session.media[0].isRejected && session.media[0].mediaType == "audio")
        #expect(session.media[0].codecs.map(\.name) == ["PCMU/8000", "PCMA/8000", "G729/8000", "telephone-event/8000"])
        #expect(session.sessionName == "renamed" && session.origin?.username == "alice")
        #expect(session.media[1].formats == ["96", "97"])
        #expect(session.description.contains("m=audio 49170 RTP/AVP 0 8 18 101"))
        var media = session.media[1]
        media.attributes.append(SDPAttribute(name: "sendrecv", value: nil))
        #expect(media.direction == .inactive && media.attributes.count == 6)
    }

    /// The one-pass reading of `a=rtpmap` agrees with the field-by-field one whenever it answers.
    @Test(arguments: [
        "0 PCMU/8000", " 3 GSM/8000", "96 opus/48000/2", "007 X/8000", "0007 X/8000", "128 X/8000",
        "96 X/0", "96 X/8000/0", "96 X/8000/256", "96 X/8000/2/1", "96 X/8000/", "96 /8000", "96 X",
        "96\tX/8000 extra", "96 X/8000x", "96 X/1234567890", "x PCMU/8000", "96", "",
    ])
    func rtpMapOnePassAgrees(value: String) {
        var text = value
        text.withUTF8 { buffer in
            let bytes = buffer[...]
            guard let fast = SDPRTPMap.commonFields(bytes) else { return }
            let checked = try? SDPRTPMap.checkedFields(bytes)
            #expect(checked?.payloadType == fast.payloadType)
            #expect(checked.map { Array($0.name) } == Array(fast.name))
            #expect(checked?.clockRate == fast.clockRate && checked?.channels == fast.channels)
        }
    }
}
