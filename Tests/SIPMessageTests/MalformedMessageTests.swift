import Testing

@testable import SIPMessage

/// Hand-made malformations, each with the exact outcome: an error that names the problem, or
/// a lenient parse with a note, and never a trap.
@Suite struct MalformedMessageTests {
    static func request(headers: String, body: String = "") -> [UInt8] {
        Array(
            ("INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
                + "To: <sip:bob@example.com>\r\nFrom: <sip:alice@example.com>;tag=1\r\nCall-ID: m@x\r\nCSeq: 1 INVITE\r\n"
                + headers + "\r\n" + body).utf8
        )
    }

    enum Expected: Sendable {
        case error(SIPParseError.Code, String)
        /// Parses; validation reports this code with a message containing the text.
        case violation(SIPParseError.Code, String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expected: Expected
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "NUL byte in a header",
            bytes: request(headers: "Subject: a\u{0}b\r\n"),
            expected: .violation(.invalidCharacters, "NUL byte in Subject")
        ),
        Case(
            name: "lone CR ending a header line",
            bytes: request(headers: "Subject: a\rContent-Length: 0\r\n"),
            expected: .violation(.lineEnding, "bare CR")
        ),
        Case(
            name: "non-UTF-8 in a header",
            bytes: Array("OPTIONS sip:a@b SIP/2.0\r\nSubject: caf".utf8) + [0xE9]
                + Array("\r\nContent-Length: 0\r\n\r\n".utf8),
            expected: .violation(.invalidCharacters, "Subject is not valid UTF-8")
        ),
        Case(
            name: "Content-Length: -1",
            bytes: request(headers: "Content-Length: -1\r\n"),
            expected: .violation(.invalidHeaderValue, "Content-Length \"-1\" is not a number")
        ),
        Case(
            name: "two conflicting Content-Lengths",
            bytes: request(headers: "Content-Length: 4\r\nContent-Length: 2\r\n", body: "abcd"),
            expected: .violation(.inconsistent, "several Content-Length headers with different values")
        ),
        Case(
            name: "Content-Length larger than the body",
            bytes: request(headers: "Content-Length: 120\r\n", body: String(repeating: "x", count: 97)),
            expected: .violation(.contentLengthMismatch, "Content-Length 120 but 97 body bytes")
        ),
        Case(
            name: "huge status code",
            bytes: Array("SIP/2.0 99999999999999999999 OK\r\n\r\n".utf8),
            expected: .error(.invalidStartLine, "status code 99999999999999999999 is not a three-digit code")
        ),
        Case(
            name: "status code 700",
            bytes: Array("SIP/2.0 700 Nope\r\n\r\n".utf8),
            expected: .error(.invalidStartLine, "status code 700 is not a three-digit code from 100 to 699")
        ),
        Case(
            name: "SIP/3.0",
            bytes: Array("OPTIONS sip:a@b SIP/3.0\r\n\r\n".utf8),
            expected: .error(.unsupportedVersion, "SIP version 3.0 is not supported")
        ),
        Case(
            name: "HTTP request",
            bytes: Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
            expected: .error(.invalidStartLine, "HTTP/1.1 is not a SIP version")
        ),
        Case(name: "empty", bytes: [], expected: .error(.invalidStartLine, "the message is empty")),
        Case(name: "only line breaks", bytes: Array("\r\n\r\n".utf8), expected: .error(.invalidStartLine, "empty")),
        Case(
            name: "method with a non-token byte",
            bytes: Array("INV(ITE sip:a@b SIP/2.0\r\n\r\n".utf8),
            expected: .error(.invalidStartLine, "request method is not a token")
        ),
        Case(
            name: "header line without a colon",
            bytes: request(headers: "Garbage line\r\nContent-Length: 0\r\n"),
            expected: .violation(.invalidHeader, "header line without a colon ignored: Garbage line")
        ),
        Case(
            name: "CSeq method differs",
            bytes: Array(
                ("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\r\nMax-Forwards: 1\r\nTo: <sip:a@b>\r\n"
                    + "From: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n").utf8
            ),
            expected: .violation(.inconsistent, "CSeq method INVITE does not match the request method OPTIONS")
        ),
    ]

    @Test(arguments: cases)
    func malformationGivesItsExactOutcome(_ testCase: Case) {
        switch testCase.expected {
        case .error(let code, let text):
            do {
                let message = try SIPMessage(parsing: testCase.bytes)
                Issue.record("parsed: \(message.startLine)")
            } catch {
                #expect(error.code == code)
                #expect(error.reason.contains(text), "\(error.reason)")
            }
        case .violation(let code, let text):
            do {
                let violations = try SIPMessage(parsing: testCase.bytes).validate()
                #expect(
                    violations.contains { $0.code == code && $0.message.contains(text) },
                    "\(violations.map(\.message))"
                )
            } catch {
                Issue.record("did not parse: \(error)")
            }
        }
    }

    /// RFC 3261 section 10.2.2 and 10.3 step 6: `Contact: *` only alone and with `Expires: 0`.
    @Test func registerWildcardContact() throws {
        func violations(_ headers: String, method: String = "REGISTER") throws -> [String] {
            let text =
                "\(method) sip:registrar.example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:a@example.com>\r\nFrom: <sip:a@example.com>;tag=1\r\n"
                + "Call-ID: x\r\nCSeq: 1 \(method)\r\n\(headers)\r\n"
            return try SIPMessage(parsing: text).validate().map(\.message)
        }
        #expect(try violations("Contact: *\r\nExpires: 0\r\n").isEmpty)
        #expect(try violations("Contact:  * \r\nExpires: 00\r\n").isEmpty)
        #expect(
            try violations("Contact: *\r\n")
                == [
                    "REGISTER has 'Contact: *' without an Expires header; '*' requires 'Expires: 0' (RFC 3261 section 10.2.2, 10.3 step 6)"
                ]
        )
        #expect(
            try violations("Contact: *\r\nExpires: 3600\r\n")
                == [
                    "REGISTER has 'Contact: *' with Expires: 3600; '*' requires 'Expires: 0' (RFC 3261 section 10.2.2, 10.3 step 6)"
                ]
        )
        #expect(
            try violations(
                "Contact: <sip:a@192.0.2.1>\r\nContact: *\r\nContact: <sip:b@192.0.2.1>, <sip:c@h>\r\nExpires: 0\r\n"
            )
                == [
                    "REGISTER has 'Contact: *' and 3 other Contact values; '*' must be the only one (RFC 3261 section 10.3 step 6)"
                ]
        )
        #expect(
            try violations("Contact: *\r\nContact: *\r\nExpires: 0\r\n")
                == [
                    "REGISTER has 'Contact: *' and 1 other Contact value; '*' must be the only one (RFC 3261 section 10.3 step 6)"
                ]
        )
        // A malformed Contact line still counts as a value (and is reported by the header checks).
        let malformed = try violations("Contact: *\r\nContact: <sip:a@\r\nExpires: 0\r\n")
        #expect(
            malformed.contains(
                "REGISTER has 'Contact: *' and 1 other Contact value; '*' must be the only one (RFC 3261 section 10.3 step 6)"
            )
        )
        // The offset is that of the '*' value.
        let text =
            "REGISTER sip:r SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\r\nMax-Forwards: 70\r\nTo: <sip:a@b>\r\n"
            + "From: <sip:a@b>;tag=1\r\nCall-ID: x\r\nCSeq: 1 REGISTER\r\nContact: *\r\n\r\n"
        let note = try SIPMessage(parsing: text).validate().first { $0.message.hasPrefix("REGISTER has") }
        #expect(note?.offset == Array(text.utf8).firstIndex(of: 0x2A))
        #expect(note?.code == .inconsistent)
        // Other methods: only the Contact grammar applies (no REGISTER rule).
        #expect(try violations("Contact: *\r\n", method: "OPTIONS").isEmpty)
    }

    @Test func limitsAreErrorsThatNameTheLimit() {
        var limits = SIPParseLimits()
        limits.maxHeaderCount = 5
        #expect(throws: SIPParseError(.limitExceeded, "")) {
            try SIPMessage(parsing: Self.request(headers: ""), limits: limits)
        }
        do {
            _ = try SIPMessage(parsing: Self.request(headers: ""), limits: limits)
        } catch {
            #expect(error.reason == "more than 5 header fields (limit maxHeaderCount)")
        }
        limits = SIPParseLimits()
        limits.maxHeaderLineLength = 60
        do {
            _ = try SIPMessage(
                parsing: Self.request(headers: "Subject: " + String(repeating: "y", count: 60) + "\r\n"),
                limits: limits
            )
            Issue.record("long line accepted")
        } catch {
            #expect(error.reason == "header line of 69 bytes exceeds 60 (limit maxHeaderLineLength)")
        }
        limits = SIPParseLimits()
        limits.maxMessageLength = 100
        do {
            _ = try SIPMessage(parsing: Self.request(headers: ""), limits: limits)
            Issue.record("long message accepted")
        } catch {
            #expect(error.reason.hasSuffix("exceeds 100 (limit maxMessageLength)"))
        }
    }

    @Test func foldedHeadersAndCompactFormsAreUnderstood() throws {
        let message = try SIPMessage(
            parsing:
                "OPTIONS sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK3\r\ni: folded\r\n  call-id\r\nSubject:\r\n\tsecond line\r\nl: 0\r\n\r\n"
        )
        #expect(message.value(.via) == "SIP/2.0/UDP h;branch=z9hG4bK3")
        #expect(message.value(.callID) == "folded call-id")
        #expect(message.value(.subject) == "second line")
        #expect(message.headerFields.map(\.spelledName) == ["v", "i", "Subject", "l"])
        #expect(message.headerFields.map(\.name) == [.via, .callID, .subject, .contentLength])
        #expect(message.value(SIPHeaderName("X-Unknown")) == nil)
        #expect(SIPHeaderName("CALL-id") == .callID)
        #expect(SIPHeaderName("i") == .callID)
        #expect(SIPHeaderName("x-custom") == SIPHeaderName("X-Custom"))
    }
}
