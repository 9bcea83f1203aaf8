import Testing

@testable import SIPMessage

@Suite struct SDPTextTests {
    /// `body` run on the bytes of `text`, as the parsers see them.
    private func bytes<Result>(_ text: String, _ body: (SDPBytes) throws -> Result) rethrows -> Result {
        try Array(text.utf8).withUnsafeBufferPointer { try body($0[...]) }
    }

    private func fields(_ text: String) -> [String] {
        bytes(text) { value in
            var position = value.startIndex
            var result: [String] = []
            while let field = SDPText.nextField(value, from: &position) { result.append(SDPText.string(field)) }
            #expect(SDPText.fieldCount(value) == result.count)
            return result
        }
    }

    @Test func splitsFieldsOnRunsOfBlanks() {
        #expect(fields("audio 4000  RTP/AVP\t0 ") == ["audio", "4000", "RTP/AVP", "0"])
        #expect(fields("") == [])
        #expect(fields(" \t ") == [])
        #expect(fields("x") == ["x"])
        // Offsets are message offsets: a slice that does not start at 0 works the same.
        bytes("ab cd ef") { message in
            var position = 3
            #expect(SDPText.nextField(message[3...], from: &position).map(SDPText.string) == "cd")
            #expect(position == 5)
            var before = 0
            #expect(SDPText.nextField(message[6...], from: &before).map(SDPText.string) == "ef")
        }
    }

    @Test(arguments: [
        ("0", 0), ("49170", 49170), ("007", 7), ("999999999999999999", 999_999_999_999_999_999),
    ])
    func readsDecimals(text: String, expected: Int) {
        #expect(bytes(text) { SDPText.decimal($0) } == expected)
        #expect(SDPText.decimal(text.utf8) == expected)
    }

    @Test(arguments: ["", "-1", "+1", "1 ", "1.0", "x", "1000000000000000000", "١"])
    func rejectsNonDecimals(text: String) {
        #expect(SDPText.decimal(text.utf8) == nil)
    }

    @Test func decimalMaximum() {
        #expect(SDPText.decimal("127".utf8, maximum: 127) == 127)
        #expect(SDPText.decimal("128".utf8, maximum: 127) == nil)
    }

    @Test(arguments: [
        ("20", 20.0), (" 22.5\t", 22.5), ("0.5", 0.5), ("1234567890123456789", 1_234_567_890_123_456_789.0),
    ])
    func readsPositiveNumbers(text: String, expected: Double) {
        #expect(bytes(text) { SDPText.positiveNumber($0) } == expected)
    }

    @Test(arguments: ["", " ", "0", "0.0", "1.2.3", "-1", "1e3", "inf", "nan", "123456789012345678901", "."])
    func rejectsOtherNumbers(text: String) {
        #expect(bytes(text) { SDPText.positiveNumber($0) } == nil)
    }

    @Test func trimsSplitsAndComparesBytes() {
        #expect(bytes(" \ta b\t ") { SDPText.string(SDPText.trimmed($0)) } == "a b")
        #expect(bytes("  ") { SDPText.trimmed($0).isEmpty })
        bytes("rtpmap:0 PCMU/8000") { value in
            let (before, after) = SDPText.splitOnce(value, at: 0x3A)
            #expect(SDPText.string(before) == "rtpmap")
            #expect(after.map(SDPText.string) == "0 PCMU/8000")
        }
        bytes("sendrecv") { value in
            let (whole, none) = SDPText.splitOnce(value, at: 0x3A)
            #expect(SDPText.string(whole) == "sendrecv" && none == nil)
        }
        #expect(bytes("a:") { SDPText.splitOnce($0, at: 0x3A).1?.isEmpty } == true)
        #expect(bytes("RtpMap") { SDPText.equalsIgnoringCase($0, Array("rtpmap".utf8)) })
        #expect(!bytes("rtpma") { SDPText.equalsIgnoringCase($0, Array("rtpmap".utf8)) })
        // Only letters fold: '@' (0x40) is not '`' (0x60).
        #expect(!bytes("@") { SDPText.equalsIgnoringCase($0, Array("`".utf8)) })
    }

    /// Every prefix of each helper's input is handled without trapping.
    @Test func everyPrefixIsSafe() {
        bytes(" 96 opus/48000/2\t22.5 ") { text in
            for length in 0...text.count {
                let prefix = text[..<(text.startIndex + length)]
                _ = (SDPText.fieldCount(prefix), SDPText.trimmed(prefix), SDPText.positiveNumber(prefix))
                _ = (SDPText.decimal(prefix), SDPText.splitOnce(prefix, at: 0x2F), try? SDPRTPMap.parse(prefix))
                _ = try? SDPRTCP.parse(prefix)
            }
        }
    }

    @Test(arguments: [
        ("0 PCMU/8000/2/9", "rtpmap '0 PCMU/8000/2/9' has no encoding name (RFC 8866 section 6.6)"),
        ("96 /8000", "rtpmap '96 /8000' has no encoding name (RFC 8866 section 6.6)"),
        ("96 opus/48000/0", "rtpmap channel count '0' is not a number in 1...255 (RFC 8866 section 6.6)"),
        ("96 opus/0", "rtpmap clock rate '0' is not a positive number (RFC 8866 section 6.6)"),
        ("96", "rtpmap '96' is not <payload type 0-127> <encoding>/<clock rate> (RFC 8866 section 6.6)"),
    ])
    func rejectsBadRTPMaps(value: String, reason: String) {
        #expect {
            _ = try bytes(value) { try SDPRTPMap.parse($0) }
        } throws: { error in
            (error as? SIPParseError)?.reason == reason
        }
    }

    @Test func readsRTPMapsWithExtraFields() throws {
        let map = try bytes(" 3 GSM/8000 extra") { try SDPRTPMap.parse($0) }
        #expect(map == SDPRTPMap(payloadType: 3, encodingName: "GSM", clockRate: 8000))
    }

    @Test(arguments: [
        ("IN IP6 FF15::1/3/4", "c= IPv6 address 'FF15::1/3/4' has more than one '/' suffix (RFC 8866 section 5.7)"),
        ("IN IP6 FF15::1/x/4", "c= address count 'x' is not a number in 0...65535 (RFC 8866 section 5.7)"),
        (
            "IN IP4 224.0.0.1/1/2/3",
            "c= address '224.0.0.1/1/2/3' is not <address>[/<ttl>][/<count>] (RFC 8866 section 5.7)"
        ),
        ("IN IP4 /1", "c= address '/1' is not <address>[/<ttl>][/<count>] (RFC 8866 section 5.7)"),
        ("IN IP4 224.0.0.1/1/70000", "c= address count '70000' is not a number in 0...65535 (RFC 8866 section 5.7)"),
    ])
    func rejectsBadConnections(value: String, reason: String) {
        var notes: [SIPParseNote] = []
        #expect {
            _ = try bytes(value) { try SDPConnection.parse($0, offset: 7, notes: &notes) }
        } throws: { error in
            (error as? SIPParseError)?.reason == reason && (error as? SIPParseError)?.offset == 7
        }
    }

    @Test func readsIPv6AndTTLConnections() throws {
        var notes: [SIPParseNote] = []
        let ipv6 = try bytes("IN ip6 FF15::1/3") { try SDPConnection.parse($0, offset: 0, notes: &notes) }
        #expect(ipv6.ttl == nil && ipv6.numberOfAddresses == 3)
        let ipv4 = try bytes("IN IP4 224.0.0.1/16/2 extra") { try SDPConnection.parse($0, offset: 0, notes: &notes) }
        #expect(ipv4.ttl == 16 && ipv4.numberOfAddresses == 2)
        #expect(
            notes.map(\.message) == ["c= has 4 fields instead of 3; the extra ones are ignored (RFC 8866 section 5.7)"]
        )
    }

    @Test func readsOrigins() throws {
        var notes: [SIPParseNote] = []
        let origin = try bytes("- 1x 2 IN IP4 h extra") { try SDPOrigin.parse($0, offset: 3, notes: &notes) }
        #expect(origin.unicastAddress == "h")
        #expect(
            notes.map(\.message) == [
                "o= has 7 fields instead of 6; the extra ones are ignored (RFC 8866 section 5.2)",
                "o= session id '1x' is not numeric (RFC 8866 section 5.2)",
            ]
        )
    }

    /// Common tokens come from the table, everything else is decoded; both read the same.
    @Test(arguments: [
        "IN", "IP4", "IP6", "-", "audio", "RTP/AVP", "RTP/SAVPF", "PCMU", "telephone-event", "", "in", "IP5",
        "Audio", "telephone-events", "UDP/TLS/RTP/SAVPF", "-x", "PCM", "\u{FF}", "application",
    ])
    func tokensReadAsWritten(text: String) {
        #expect(bytes(text) { SDPText.token($0) } == text)
        #expect(bytes("  \(text)") { SDPText.token($0[2...]) } == text)
    }

    /// Payload types come from the table only when written without leading zeros.
    @Test(arguments: ["0", "8", "18", "101", "127", "128", "007", "00", "-1", "x", "", "1000000000000000000000"])
    func formatsReadAsWritten(text: String) {
        #expect(bytes(text) { SDPText.format($0) } == text)
    }

    @Test func payloadTypeTextsAreTheNumbers() {
        #expect(SDPText.payloadTypeTexts.count == 128)
        for (number, text) in SDPText.payloadTypeTexts.enumerated() { #expect(text == String(number)) }
        #expect(SDPCodec.staticPayloadType(18)?.format == "18")
    }
}
