import Testing

@testable import SIPMessage

@Suite struct SIPBodyTests {
    private func parse(_ text: String, _ contentType: String?) throws -> (SIPBody, [SIPParseNote]) {
        let type = try contentType.map { text throws(SIPParseError) in try SIPMediaType.parse(text) }
        return SIPBody.parse(Array(text.utf8)[...], contentType: type, limits: .default)
    }

    @Test func emptyBodyIsNone() throws {
        let (body, notes) = try parse("", "application/sdp")
        #expect(body == .none)
        #expect(notes.isEmpty)
        #expect(body.sdp == nil)
        #expect(body.contentType == nil)
    }

    /// RFC 4475 sdp01.dat body with its Content-Type.
    @Test func parsesSDP() throws {
        let (body, notes) = SIPBody.parse(
            BodyFixtures.sdp01[...],
            contentType: SIPMediaType(type: "application", subtype: "sdp"),
            limits: .default
        )
        guard case .sdp(let session) = body else {
            Issue.record("expected SDP, got \(body)")
            return
        }
        #expect(session.media.count == 2)
        // The session keeps its notes; they are not returned a second time.
        #expect(session.notes.map(\.message) == ["a=rtpmap:31 LPC has no clock rate (RFC 8866 section 6.6)"])
        #expect(notes.isEmpty)
        #expect(body.sdp == session)
        #expect(body.description == "application/sdp, 2 media")
        #expect(body.contentType?.essence == "application/sdp")
    }

    /// RFC 4475 mpart01.dat: multipart/mixed without SDP; RFC 4475 invut.dat: unknown type.
    @Test func parsesMultipartAndOther() throws {
        let (body, notes) = SIPBody.parse(
            BodyFixtures.mpart01[...],
            contentType: try SIPMediaType.parse("multipart/mixed;boundary=7a9cbec02ceef655"),
            limits: .default
        )
        #expect(notes.isEmpty)
        guard case .multipart(let multipart) = body else {
            Issue.record("expected multipart, got \(body)")
            return
        }
        #expect(multipart.subtype == "mixed")
        #expect(multipart.parts.count == 2)
        #expect(body.sdp == nil)
        #expect(body.contentType?.description == "multipart/mixed;boundary=7a9cbec02ceef655")
        let (unknown, unknownNotes) = try parse("<audio> <pcmu-data>", "application/unknownformat")
        #expect(
            unknown
                == .other(
                    contentType: SIPMediaType(type: "application", subtype: "unknownformat"),
                    bytes: Array("<audio> <pcmu-data>".utf8)[...]
                )
        )
        #expect(unknownNotes.isEmpty)
        #expect(unknown.description == "application/unknownformat, 19 bytes")
    }

    /// pjproject multipart_basic.sip: SDP inside multipart/mixed.
    @Test func findsSDPInsideMultipart() throws {
        let (body, _) = SIPBody.parse(
            BodyFixtures.pjprojectMultipartBasic[...],
            contentType: try SIPMediaType.parse("multipart/mixed;boundary=boundary42"),
            limits: .default
        )
        let session = try #require(body.sdp)
        #expect(session.origin?.username == "alice")
        #expect(session.media.first?.port == 49170)
    }

    @Test func findsSDPInNestedAlternative() throws {
        let text =
            "--outer\r\nContent-Type: text/plain\r\n\r\nhi\r\n--outer\r\n"
            + "Content-Type: multipart/alternative;boundary=inner\r\n\r\n--inner\r\nContent-Type: text/plain\r\n\r\nx\r\n"
            + "--inner\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 1 1 IN IP4 h\r\ns=nested\r\nt=0 0\r\n"
            + "--inner--\r\n--outer--\r\n"
        let (body, notes) = try parse(text, "multipart/mixed;boundary=outer")
        #expect(notes.isEmpty)
        #expect(body.sdp?.sessionName == "nested")
        // Not searched inside other multipart subtypes (e.g. a digest of messages).
        let (digest, _) = try parse(text, "multipart/digest;boundary=outer")
        #expect(digest.sdp == nil)
        // A part labelled application/sdp that is not SDP is skipped.
        let (bad, _) = try parse(
            "--b\r\nContent-Type: application/sdp\r\n\r\nnot sdp\r\n--b--",
            "multipart/mixed;boundary=b"
        )
        #expect(bad.sdp == nil)
    }

    /// Malformed bodies stay `.other` with a note naming the error.
    @Test(arguments: [
        (
            "garbage", "application/sdp", SIPParseError.Code.invalidBody,
            "application/sdp body not parsed: not an SDP body", 0
        ),
        ("--x\r\n\r\n", "multipart/mixed", .invalidBody, "multipart/mixed body without a boundary parameter", 0),
        ("hello", "multipart/mixed;boundary=b", .invalidBody, "multipart/mixed body not parsed: multipart boundary", 0),
        // The offset is where the fifth level starts.
        (MultipartBodyTests.nested(levels: 5), "multipart/mixed;boundary=b1", .limitExceeded, "maxMultipartDepth", 204),
    ])
    func malformedBodyBecomesOther(
        text: String,
        contentType: String,
        code: SIPParseError.Code,
        fragment: String,
        offset: Int
    ) throws {
        let (body, notes) = try parse(text, contentType)
        guard case .other(let type, let bytes) = body else {
            Issue.record("expected .other, got \(body)")
            return
        }
        #expect(type?.description == contentType)
        #expect(bytes.count == text.utf8.count)
        #expect(notes.count == 1)
        #expect(notes.first?.code == code)
        #expect(notes.first?.message.contains(fragment) == true)
        #expect(notes.first?.offset == offset)
    }

    @Test func bodyWithoutContentTypeIsNoted() throws {
        let (body, notes) = try parse("v=0\r\n", nil)
        #expect(body == .other(contentType: nil, bytes: Array("v=0\r\n".utf8)[...]))
        #expect(
            notes == [
                SIPParseNote(
                    .missingHeader,
                    "a body of 5 bytes without Content-Type (RFC 3261 section 20.15)",
                    offset: 0
                )
            ]
        )
        #expect(notes.first?.message == "a body of 5 bytes without Content-Type (RFC 3261 section 20.15)")
    }

    @Test func sdpLimitsApplyInsideMultipart() throws {
        var limits = SIPParseLimits()
        limits.maxSDPLines = 2
        let (body, _) = SIPBody.parse(
            BodyFixtures.pjprojectMultipartBasic[...],
            contentType: try SIPMediaType.parse("multipart/mixed;boundary=boundary42"),
            limits: .default
        )
        #expect(body.sdp(limits: limits) == nil)
        #expect(body.sdp(limits: .default) != nil)
    }
}

extension SIPBodyTests {
    /// A parsed body keeps its notes; `parse` does not return them a second time.
    @Test func bodyNotesAreReturnedOnce() throws {
        let (sdp, sdpNotes) = try parse("v=0\no=- 1 1 IN IP4 h\ns=-\nt=0 0\n", "application/sdp")
        #expect(
            sdp.sdp?.notes.map(\.message) == ["SDP lines end with LF instead of CRLF (RFC 8866 section 5 tolerates it)"]
        )
        #expect(sdpNotes.isEmpty)
        let (multipart, multipartNotes) = try parse(
            "--b\r\nContent-Type: text/plain\r\n\r\nx",
            "multipart/mixed;boundary=b"
        )
        guard case .multipart(let body) = multipart else {
            Issue.record("expected multipart, got \(multipart)")
            return
        }
        #expect(body.notes.map(\.message) == ["multipart body has no close delimiter '--b--' (RFC 2046 section 5.1.1)"])
        #expect(multipartNotes.isEmpty)
    }
}
