import Foundation
import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

@testable import SIPReport

@Suite struct ReportRedactorTests {
    /// A message from lines joined by CR LF, with a correct Content-Length for `body`.
    static func message(_ headers: [String], body: String = "") -> [UInt8] {
        let head = headers + ["Content-Length: \(body.utf8.count)"]
        return Array((head.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static func contentLengthMatches(_ bytes: [UInt8]) -> Bool {
        let (_, bodyStart) = ReportRedactor.headerBoundary(bytes)
        let header = text(Array(bytes[..<bodyStart]))
        guard let line = header.split(separator: "\r\n").first(where: { $0.hasPrefix("Content-Length:") }),
            let value = Int(line.dropFirst("Content-Length:".count).trimmingPrefix(" "))
        else { return false }
        return value == bytes.count - bodyStart
    }

    @Test func removesDigestResponseAndCnonceButKeepsTheRest() {
        let register = Self.message([
            "REGISTER sip:sip.example.com SIP/2.0",
            "Via: SIP/2.0/UDP 198.51.100.4:5060;branch=z9hG4bK-1",
            "CSeq: 2 REGISTER",
            "Authorization: Digest username=\"1001\", realm=\"sip.example.com\", nonce=\"abc123nonce\",",
            " uri=\"sip:sip.example.com\", response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5,",
            " cnonce=\"c0ffee42\", nc=00000001, qop=auth",
        ])
        var redactor = ReportRedactor()
        let output = Self.text(redactor.redact(message: register))
        #expect(!output.contains("0123456789abcdef0123456789abcdef"))
        #expect(!output.contains("c0ffee42"))
        #expect(output.contains("response=\"REDACTED-DIGEST-RESPONSE\""))
        #expect(output.contains("cnonce=\"REDACTED-CNONCE\""))
        // What support needs stays: the nonce, the realm, the user, the addresses, the CSeq.
        #expect(output.contains("nonce=\"abc123nonce\""))
        #expect(output.contains("username=\"1001\""))
        #expect(output.contains("198.51.100.4:5060"))
        #expect(output.contains("CSeq: 2 REGISTER"))
        #expect(redactor.removed == [.digestResponse: 1, .cnonce: 1])
    }

    @Test func removesOtherSchemesCredentialsWhole() {
        var redactor = ReportRedactor()
        let output = Self.text(
            redactor.redact(
                message: Self.message([
                    "INVITE sip:bob@example.com SIP/2.0", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig",
                ])
            )
        )
        #expect(output.contains("Authorization: Bearer REDACTED-CREDENTIALS\r\n"))
        #expect(!output.contains("eyJhbGci"))
    }

    @Test func removesURIPasswordsPlainAndEscapedAndWhereTheyRecur() {
        var redactor = ReportRedactor()
        let output = Self.text(
            redactor.redact(
                message: Self.message([
                    "REGISTER sip:alice:plainSecret1@sip.example.com SIP/2.0",
                    "Contact: <sip:1001:Pa%24%24word@198.51.100.4:5060;transport=udp>",
                    "X-Debug: plainSecret1 again",
                ])
            )
        )
        #expect(output.contains("sip:alice:REDACTED-URI-PASSWORD@sip.example.com"))
        #expect(output.contains("<sip:1001:REDACTED-URI-PASSWORD@198.51.100.4:5060;transport=udp>"))
        #expect(output.contains("X-Debug: REDACTED-URI-PASSWORD again"))
        #expect(!output.contains("plainSecret1") && !output.contains("Pa%24%24word"))
        // The decoded form is known too, for free text that shows it unescaped.
        #expect(redactor.redact(text: "password Pa$$word") == "password REDACTED-URI-PASSWORD")
        // A host and port is not a user and password.
        #expect(redactor.redact(text: "sip:198.51.100.4:5060;lr") == "sip:198.51.100.4:5060;lr")
    }

    @Test func removesSDPKeysAndFixesContentLength() {
        let sdp = [
            "v=0", "o=alice 1 1 IN IP4 198.51.100.4", "s=-", "c=IN IP4 198.51.100.4", "t=0 0",
            "m=audio 4000 RTP/SAVP 0",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32",
            "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MTIz;inline:c2Vjb25ka2V5c2Vjb25ka2V5c2Vjb25ka2V5MDA=",
            "a=key-mgmt:mikey AQAFgM0XflABAAAAAAAAAAAAAAsAyO8AAA==", "a=ice-pwd:asd88fgpdd777uzjYhagZg", "",
        ].joined(separator: "\r\n")
        let invite = Self.message(["INVITE sip:bob@example.com SIP/2.0", "Content-Type: application/sdp"], body: sdp)
        var redactor = ReportRedactor()
        let redacted = redactor.redact(message: invite)
        let output = Self.text(redacted)
        #expect(output.contains("inline:REDACTED-SRTP-KEY|2^20|1:32"))
        #expect(output.contains("inline:REDACTED-SRTP-KEY;inline:REDACTED-SRTP-KEY"))
        #expect(output.contains("a=key-mgmt:mikey REDACTED-KEY-MANAGEMENT\r\n"))
        #expect(output.contains("a=ice-pwd:REDACTED-ICE-PASSWORD\r\n"))
        #expect(!output.contains("WVNfX19zZW1j") && !output.contains("c2Vjb25ka2V5") && !output.contains("AQAFgM0X"))
        #expect(output.contains("o=alice 1 1 IN IP4 198.51.100.4"))
        #expect(redactor.removed == [.srtpKey: 3, .keyManagement: 1, .icePassword: 1])
        #expect(Self.contentLengthMatches(redacted))
        #expect(Self.contentLengthMatches(invite))
    }

    @Test func decodesBase64MultipartPartsAndEncodesThemAgain() throws {
        let secretKey = "U0VDUkVUS0VZX09OTFlfSU5fQkFTRTY0X1BBUlQxMjM0"
        let hidden = "v=0\r\nm=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(secretKey)\r\n"
        let encoded = Self.text(Base64.encode(Array(hidden.utf8)))
        let body = [
            "preamble", "--b1", "Content-Type: text/plain", "", "hello", "--b1", "Content-Type: application/sdp",
            "Content-Transfer-Encoding: base64", "", encoded, "--b1--", "",
        ].joined(separator: "\r\n")
        let invite = Self.message(
            ["INVITE sip:bob@example.com SIP/2.0", "Content-Type: multipart/mixed;boundary=\"b1\""],
            body: body
        )
        var redactor = ReportRedactor()
        let redacted = redactor.redact(message: invite)
        let output = Self.text(redacted)
        #expect(!output.contains(encoded))
        #expect(redactor.removed == [.srtpKey: 1])
        #expect(Self.contentLengthMatches(redacted))
        // The part is still base64, and decodes to the SDP with the key replaced.
        let lines = output.components(separatedBy: "\r\n")
        let start = try #require(lines.firstIndex(of: "Content-Transfer-Encoding: base64")) + 2
        let end = try #require(lines.firstIndex(of: "--b1--"))
        let decoded = try #require(Base64.decode(Array(lines[start..<end].joined().utf8)))
        #expect(Self.text(decoded) == hidden.replacing(secretKey, with: "REDACTED-SRTP-KEY"))
        #expect(output.contains("preamble\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b1\r\n"))
    }

    @Test func replacesPersonalDataConsistentlyAndKeepsWhatSupportNeeds() {
        let invite = Self.message(
            [
                "INVITE sip:+15559870002@203.0.113.10:5060 SIP/2.0",
                "Via: SIP/2.0/UDP 198.51.100.4:5060;branch=z9hG4bK-1;rport",
                "From: \"Alice Example\" <sip:+15551230001@sip.example.com>;tag=a1",
                "To: Bob <sip:+15559870002@sip.example.com>", "Call-ID: 42@198.51.100.4",
                "CSeq: 101 INVITE", "Contact: <sip:alice@[2001:db8::4]:5060>",
                "Content-Type: application/sdp",
            ],
            body: "v=0\r\no=alice 1 1 IN IP4 198.51.100.4\r\nc=IN IP4 198.51.100.4\r\nm=audio 4000 RTP/AVP 0\r\n"
        )
        var redactor = ReportRedactor(redactsPersonalData: true)
        let redacted = redactor.redact(message: invite)
        let output = Self.text(redacted)
        #expect(output.hasPrefix("INVITE sip:number-1@240.0.0.1:5060 SIP/2.0\r\n"))
        #expect(output.contains("Via: SIP/2.0/UDP 240.0.0.2:5060;branch=z9hG4bK-1;rport\r\n"))
        #expect(output.contains("From: \"Name 1\" <sip:number-2@sip.example.com>;tag=a1\r\n"))
        #expect(output.contains("To: Name 2 <sip:number-1@sip.example.com>\r\n"))
        #expect(output.contains("Call-ID: 42@240.0.0.2\r\n"))
        #expect(output.contains("CSeq: 101 INVITE\r\n"))
        #expect(output.contains("Contact: <sip:user-1@[100::1]:5060>\r\n"))
        #expect(output.contains("o=user-1 1 1 IN IP4 240.0.0.2\r\nc=IN IP4 240.0.0.2\r\nm=audio 4000 RTP/AVP 0"))
        #expect(Self.contentLengthMatches(redacted))
        // Free text met later gets the same stand-ins.
        #expect(
            redactor.redact(text: "INVITE from 198.51.100.4:5060 by Alice Example (+15551230001)")
                == "INVITE from 240.0.0.2:5060 by Name 1 (number-2)"
        )
        #expect(redactor.summary.personalData == .init(addresses: 3, users: 3, names: 2))
    }

    @Test func freeTextKeepsWordsThatAreAlsoUsersAndRFCSections() {
        var redactor = ReportRedactor(redactsPersonalData: true)
        _ = redactor.redact(
            message: Self.message(["INVITE sip:platform@198.51.100.20 SIP/2.0", "To: <sip:1001@sip.example.com>"])
        )
        #expect(
            redactor.redact(text: "Taken to be the platform: 198.51.100.20 (RFC 3261 section 18.2.1.4), AOR platform@x")
                == "Taken to be the platform: 240.0.0.1 (RFC 3261 section 18.2.1.4), AOR user-1@x"
        )
        #expect(redactor.redact(text: "username 1001, 100 Trying") == "username number-1, 100 Trying")
    }

    @Test func accountFilesLoseTheirPasswordsAndKeepTheRestAsWritten() {
        let account = """
            {"whitelist": [{"ip": "198.51.100.4", "label": "Office PBX"}],
             "registration": {"aor": "1001@sip.example.com", "password": "hunter2-Secret", "Auth_Token": 42,
                              "credentials": {"user": "x", "list": ["a", "}"]}, "proxy": "sip.example.com:5061"}}
            """
        var redactor = ReportRedactor()
        redactor.learnSecrets(json: Array(account.utf8))
        // Learned first: a message that carries the password loses it too.
        let message = Self.text(redactor.redact(message: Self.message(["X y SIP/2.0", "X-Debug: hunter2-Secret"])))
        #expect(message.contains("X-Debug: REDACTED-PASSWORD\r\n"))
        let output = Self.text(redactor.redact(json: Array(account.utf8)))
        #expect(
            output == """
                {"whitelist": [{"ip": "198.51.100.4", "label": "Office PBX"}],
                 "registration": {"aor": "1001@sip.example.com", "password": "REDACTED-PASSWORD", "Auth_Token": "REDACTED-API-TOKEN",
                                  "credentials": "REDACTED-PASSWORD", "proxy": "sip.example.com:5061"}}
                """
        )
        var personal = ReportRedactor(redactsPersonalData: true)
        let replaced = Self.text(personal.redact(json: Array(account.utf8)))
        #expect(
            replaced.contains("\"ip\": \"240.0.0.1\"") && replaced.contains("\"aor\": \"number-1@sip.example.com\"")
        )
        // Not JSON at all: nothing to find, nothing lost.
        #expect(Self.text(redactor.redact(json: Array("{\"password\": ".utf8))) == "{\"password\": ")
    }

    @Test func redactsCallsAndFindingsTogether() {
        let invite = Self.message([
            "INVITE sip:bob@203.0.113.10 SIP/2.0", "Via: SIP/2.0/UDP 198.51.100.4:5060;branch=z9hG4bK-1",
            "From: <sip:alice:hunter22@sip.example.com>;tag=1", "To: <sip:bob@sip.example.com>",
            "Call-ID: c1@198.51.100.4", "CSeq: 1 INVITE",
        ])
        let captured = CapturedMessage(
            time: CaptureTime(seconds: 1_700_000_000, nanoseconds: 0),
            source: Endpoint(address: IPAddress("198.51.100.4") ?? .v4(0), port: 5060),
            destination: Endpoint(address: IPAddress("203.0.113.10") ?? .v4(0), port: 5060),
            transport: .udp,
            recordNumbers: [1],
            payload: invite
        )
        var analyzer = CallAnalyzer(options: AnalysisOptions(messageRetention: .full))
        analyzer.add(captured)
        let calls = analyzer.finish().calls
        let finding = Finding(
            code: "whitelist.source-not-listed",
            severity: .error,
            summary: "INVITE from 198.51.100.4 is not whitelisted",
            explanation: "From sip:alice:hunter22@sip.example.com.",
            evidence: [FindingEvidence(messageIndex: 0, text: "INVITE from 198.51.100.4:5060")],
            fix: nil,
            callID: "c1@198.51.100.4"
        )
        var redactor = ReportRedactor(redactsPersonalData: true)
        let (redactedCalls, findings) = redactor.redact(calls, findings: [finding])
        #expect(redactedCalls.count == 1)
        let call = redactedCalls[0]
        #expect(call.callID == "c1@240.0.0.1")
        #expect(call.messages.map(\.source.description) == ["240.0.0.1:5060"])
        #expect(call.messages.map(\.destination.description) == ["240.0.0.2:5060"])
        #expect(call.from?.contains("hunter22") == false)
        #expect(findings[0].summary == "INVITE from 240.0.0.1 is not whitelisted")
        #expect(findings[0].explanation == "From sip:user-2:REDACTED-URI-PASSWORD@sip.example.com.")
        #expect(findings[0].evidence[0].text == "INVITE from 240.0.0.1:5060")
        #expect(findings[0].callID == "c1@240.0.0.1")
    }

    @Test func leavesWhatItCannotReadAlone() {
        var redactor = ReportRedactor(redactsPersonalData: true)
        let hostile: [[UInt8]] = [
            [], Array("X y SIP/2.0\nAuthorization: Digest response=\"unterminated".utf8), Array("sip:".utf8),
            Array("\r\n\r\n".utf8),
            Array("INVITE x SIP/2.0\r\nContent-Type: multipart/mixed;boundary=\r\n\r\n--\r\n".utf8),
            [0xFF, 0xFE, 0x0A, 0x0A, 0x00], Array("X y SIP/2.0\r\nFrom: \"open <sip:a@b>".utf8),
        ]
        let outputs = hostile.map { redactor.redact(message: $0) }
        #expect(outputs[0] == [])
        #expect(Self.text(outputs[1]) == "X y SIP/2.0\nAuthorization: Digest response=\"REDACTED-DIGEST-RESPONSE")
        #expect(outputs[2] == Array("sip:".utf8))
        #expect(outputs[3] == Array("\r\n\r\n".utf8))
        #expect(outputs[4] == hostile[4])
        #expect(outputs[5] == hostile[5])
        // An unterminated display name is not delimited: only the URI's user is replaced.
        #expect(Self.text(outputs[6]) == "X y SIP/2.0\r\nFrom: \"open <sip:user-1@b>")
    }

    /// The RFC 4475 and RFC 5118 torture messages, and each of them cut short and with bytes
    /// flipped: redaction never traps, never touches a message without secrets (but its
    /// `Content-Length`), and a second pass changes nothing more.
    @Test func tortureMessagesAndTheirMutationsAreRedactedSafely() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SIPMessageTests/Fixtures")
        var messages: [[UInt8]] = []
        for folder in ["rfc4475", "rfc5118"] {
            let directory = fixtures.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            where name.hasSuffix(".dat") {
                messages.append(Array(try Data(contentsOf: directory.appendingPathComponent(name))))
            }
        }
        #expect(messages.count >= 50)
        var generator = SplitMix(seed: 0x5EC2E7)
        var cases = messages
        for message in messages where !message.isEmpty {
            cases.append(Array(message.prefix(Int(generator.next() % UInt64(message.count)))))
            var flipped = message
            for _ in 0..<8 {
                flipped[Int(generator.next() % UInt64(flipped.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            cases.append(flipped)
        }
        for (number, message) in cases.enumerated() {
            for personal in [false, true] {
                var redactor = ReportRedactor(redactsPersonalData: personal)
                let once = redactor.redact(message: message)
                let twice = redactor.redact(message: once)
                #expect(twice == once, "case \(number), personal data \(personal): a second pass changed it")
                if !personal, redactor.removed.isEmpty {
                    #expect(once == message, "case \(number): changed without a secret")
                }
            }
        }
    }

    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func base64RoundTrips() {
        for length in 0..<20 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Self.text(Base64.encode(Array("foobar".utf8))) == "Zm9vYmFy")
        #expect(Self.text(Base64.encode(Array("fo".utf8))) == "Zm8=")
        #expect(Base64.decode(Array("Zm9v\r\nYg==".utf8)) == Array("foob".utf8))
        #expect(Base64.decode(Array("Zm9v!".utf8)) == nil)
        #expect(Base64.decode(Array("Z===".utf8)) == nil)
    }
}
