import Testing

@testable import SIPMessage

@Suite struct MultipartBodyTests {
    private func parse(
        _ text: String,
        boundary: String = "b",
        limits: SIPParseLimits = .default
    ) throws(SIPParseError) -> MultipartBody {
        try MultipartBody.parse(Array(text.utf8)[...], boundary: boundary, limits: limits, depth: 1)
    }

    private func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 4475 section 3.1.1.11 (mpart01.dat): text/plain and a binary application/octet-stream part.
    @Test func parsesRFC4475MPart01() throws {
        let bytes = BodyFixtures.mpart01
        let body = try MultipartBody.parse(bytes[...], boundary: "7a9cbec02ceef655", limits: .default, depth: 1)
        #expect(body.notes.isEmpty)
        #expect(body.parts.count == 2)
        let plain = try #require(body.parts.first)
        #expect(
            plain.headers == [
                MultipartHeader(name: "Content-Type", value: "text/plain"),
                MultipartHeader(name: "Content-Transfer-Encoding", value: "binary"),
            ]
        )
        #expect(plain.header("content-transfer-encoding") == "binary")
        #expect(plain.contentType == SIPMediaType(type: "text", subtype: "plain"))
        #expect(text(plain.body) == "Hello")
        #expect(plain.body.startIndex == 83)
        let binary = try #require(body.parts.last)
        #expect(binary.contentType?.essence == "application/octet-stream")
        // The binary part runs to the CRLF before the close delimiter; it contains bare LFs.
        #expect(binary.body.startIndex == 187)
        #expect(binary.body.endIndex == bytes.count - "\r\n--7a9cbec02ceef655--\r\n".utf8.count)
        #expect(binary.body.first == 0x30)
        #expect(binary.body.last == 0x05)
        #expect(body.firstPart(ofType: "application/octet-stream") == binary)
        #expect(body.firstPart(ofType: "text/*") == plain)
        #expect(body.firstPart(ofType: "application/sdp") == nil)
        #expect(body.description == "multipart/?: text/plain, 5 bytes; application/octet-stream, 342 bytes")
    }

    /// pjproject fuzz seeds multipart_basic.sip and multipart_alternative.sip (LF line ends).
    @Test func parsesPjprojectSeeds() throws {
        let basic = try MultipartBody.parse(
            BodyFixtures.pjprojectMultipartBasic[...],
            boundary: "boundary42",
            limits: .default,
            depth: 1,
            subtype: "Mixed"
        )
        #expect(basic.subtype == "mixed")
        #expect(basic.notes.isEmpty)
        #expect(basic.parts.map { $0.contentType?.essence } == ["application/sdp", "text/plain"])
        let sdpPart = try #require(basic.firstPart(ofType: "application/sdp"))
        #expect(text(sdpPart.body).hasPrefix("v=0\no=alice"))
        #expect(text(sdpPart.body).hasSuffix("m=audio 49170 RTP/AVP 0"))
        #expect(text(basic.parts[1].body) == "This is a text message")

        let alternative = try MultipartBody.parse(
            BodyFixtures.pjprojectMultipartAlternative[...],
            boundary: "----=_Part_123",
            limits: .default,
            depth: 1
        )
        #expect(alternative.notes.isEmpty)
        #expect(
            alternative.parts.map { text($0.body) } == [
                "Plain text version of message", "<html><body>HTML version</body></html>",
            ]
        )
        #expect(alternative.parts.map { $0.contentType?.charset } == ["UTF-8", "UTF-8"])
    }

    /// RFC 5621 section 3-style body: preamble, epilogue, padding, folding, Content-ID and
    /// Content-Disposition, a part without headers, and a line that only starts like a boundary.
    @Test func handlesPreambleEpiloguePaddingAndFolding() throws {
        let body = try parse(
            "This is a preamble.\r\n--b \t\r\nContent-Type: application/sdp\r\nContent-Disposition: session;\r\n"
                + " handling=required\r\ncontent-id: <sdp@example.com>\r\n\r\nv=0\r\n\r\n--b\r\n\r\nno headers\r\n"
                + "--bb is not a delimiter\r\n--b-- \r\nThis is the epilogue.\r\n--b\r\nignored\r\n"
        )
        #expect(body.notes.isEmpty)
        #expect(body.parts.count == 2)
        let sdp = try #require(body.parts.first)
        #expect(sdp.contentDisposition == "session; handling=required")
        #expect(sdp.contentID == "<sdp@example.com>")
        #expect(sdp.headers(named: "CONTENT-ID") == ["<sdp@example.com>"])
        #expect(text(sdp.body) == "v=0\r\n")
        let plain = try #require(body.parts.last)
        #expect(plain.headers.isEmpty)
        #expect(plain.contentType == nil)
        #expect(plain.effectiveContentType.essence == "text/plain")
        #expect(plain.effectiveContentType.charset == "us-ascii")
        #expect(text(plain.body) == "no headers\r\n--bb is not a delimiter")
    }

    @Test func parsesNestedMultipartWithinTheLimit() throws {
        let body = try parse(Self.nested(levels: 4), boundary: "b1")
        #expect(body.notes.isEmpty)
        var level = body
        var depth = 1
        while let nested = level.parts.first?.nested {
            level = nested
            depth += 1
        }
        #expect(depth == 4)
        #expect(level.subtype == "mixed")
        #expect(text(level.parts.first?.body ?? []) == "v=0")
        #expect(body.firstPart(ofType: "application/sdp")?.body.count == 3)
    }

    /// `levels` multiparts nested in each other, boundaries b1 (outermost) to bN, SDP innermost.
    static func nested(levels: Int) -> String {
        var inner = "Content-Type: application/sdp\r\n\r\nv=0"
        for level in stride(from: levels, through: 1, by: -1) {
            let wrapped = "--b\(level)\r\n\(inner)\r\n--b\(level)--\r\n"
            inner = level == 1 ? wrapped : "Content-Type: multipart/mixed;boundary=b\(level)\r\n\r\n\(wrapped)"
        }
        return inner
    }

    @Test func rejectsNestingBeyondTheLimit() {
        #expect {
            _ = try parse(Self.nested(levels: 5), boundary: "b1")
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == .limitExceeded && error.reason.contains("maxMultipartDepth")
        }
        var limits = SIPParseLimits()
        limits.maxMultipartDepth = 2
        #expect((try? parse(Self.nested(levels: 2), boundary: "b1", limits: limits)) != nil)
        #expect(throws: SIPParseError.self) { _ = try parse(Self.nested(levels: 3), boundary: "b1", limits: limits) }
        // The depth argument counts: a body already at the limit cannot be parsed deeper.
        #expect(throws: SIPParseError.self) {
            _ = try MultipartBody.parse(Array("--b\r\n\r\nx".utf8)[...], boundary: "b", limits: limits, depth: 3)
        }
    }

    @Test func capsPartsAndHeaders() {
        var limits = SIPParseLimits()
        limits.maxMultipartParts = 3
        limits.maxHeaderCount = 2
        let three = String(repeating: "--b\r\n\r\nx\r\n", count: 3) + "--b--\r\n"
        #expect((try? parse(three, limits: limits))?.parts.count == 3)
        #expect {
            _ = try parse(String(repeating: "--b\r\n\r\nx\r\n", count: 4), limits: limits)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == .limitExceeded && error.reason.contains("maxMultipartParts")
        }
        #expect {
            _ = try parse("--b\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\nx\r\n--b--", limits: limits)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == .limitExceeded && error.reason.contains("maxHeaderCount")
        }
    }

    /// Each input parses, with exactly these note messages.
    @Test(arguments: [
        ("--b\r\n\r\nx", ["multipart body has no close delimiter '--b--' (RFC 2046 section 5.1.1)"]),
        ("--b--\r\n", ["multipart body has no part (RFC 2046 section 5.1.1 asks for at least one)"]),
        (
            "--b\r\nContent-Type: text/plain\r\n--b--",
            ["multipart part ends inside its headers: no empty line before content (RFC 2046 section 5.1.1)"]
        ),
        (
            "--b\r\nhello world\r\n--b--",
            ["multipart part line is not a header and no empty line precedes it (RFC 2046 section 5.1.1)"]
        ),
        (
            "--b\r\nContent-Type: text\r\n\r\nx\r\n--b--",
            ["part Content-Type not parsed: expected '/' after the media type (RFC 3261 section 20.15)"]
        ),
        (
            "--b\r\nContent-Type: multipart/mixed\r\n\r\nx\r\n--b--",
            ["nested multipart part has no boundary parameter (RFC 2046 section 5.1.1)"]
        ),
        (
            "--b\r\nContent-Type: multipart/mixed;boundary=c\r\n\r\nx\r\n--b--",
            ["nested multipart not parsed: multipart boundary delimiter '--c' not found (RFC 2046 section 5.1.1)"]
        ),
        (
            "--b\r\nContent-Type: multipart/mixed;boundary=c\r\n\r\n--c\r\n\r\ny\r\n--b--",
            ["multipart body has no close delimiter '--c--' (RFC 2046 section 5.1.1)"]
        ),
    ])
    func notesLenientInput(text: String, expected: [String]) throws {
        let body = try parse(text)
        #expect(body.notes.map(\.message) == expected)
    }

    @Test(arguments: [
        ("", "b", SIPParseError.Code.invalidBody, "'--b' not found"),
        ("no delimiter here\r\n", "b", .invalidBody, "'--b' not found"),
        ("--bb\r\n\r\nx\r\n--bb--", "b", .invalidBody, "'--b' not found"),
        ("x--b\r\n", "b", .invalidBody, "'--b' not found"),
        ("--\r\n\r\n", "", .invalidBody, "boundary is empty"),
    ])
    func rejectsBodiesWithoutDelimiter(text: String, boundary: String, code: SIPParseError.Code, fragment: String) {
        #expect {
            _ = try parse(text, boundary: boundary)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == code && error.reason.contains(fragment)
        }
    }

    @Test func offsetsAreMessageOffsets() throws {
        let message = Array("MESSAGE sip:x SIP/2.0\r\n\r\n--b\r\n\r\nhello".utf8)
        let body = try MultipartBody.parse(message[25...], boundary: "b", limits: .default, depth: 1)
        #expect(body.parts.first?.body.startIndex == 32)
        #expect(body.notes.first?.offset == 30)
    }

    @Test func everyPrefixParsesOrThrows() {
        let bodies: [(String, [UInt8])] = [
            ("7a9cbec02ceef655", BodyFixtures.mpart01),
            ("boundary42", BodyFixtures.pjprojectMultipartBasic),
            ("b1", Array(Self.nested(levels: 4).utf8)),
        ]
        for (boundary, bytes) in bodies {
            for length in 0...bytes.count {
                do {
                    let body = try MultipartBody.parse(bytes[..<length], boundary: boundary, limits: .default, depth: 1)
                    _ = (body.firstPart(ofType: "application/sdp"), body.description)
                } catch {
                    #expect(error.code == .invalidBody)
                }
            }
        }
    }
}
