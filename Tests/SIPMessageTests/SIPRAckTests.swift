import Testing

@testable import SIPMessage

@Suite struct SIPRAckTests {
    @Test func rseqAndRAck() throws {
        #expect(try SIPRSeq.parse(headerValue("988789"), limits: .default).value == 988_789)
        #expect(try SIPRSeq.parse(headerValue("4294967295"), limits: .default).value == UInt32.max)
        expectError("0", .invalidHeaderValue, "RSeq 0 is out of range", offset: 0) { value throws(SIPParseError) in
            try SIPRSeq.parse(value, limits: .default)
        }
        expectError("4294967296", .invalidHeaderValue, "RSeq '4294967296' is larger than 4294967295") {
            value throws(SIPParseError) in
            try SIPRSeq.parse(value, limits: .default)
        }
        // RFC 3262 section 7.2 example.
        #expect(
            try SIPRAck.parse(headerValue("776656 1 INVITE"), limits: .default)
                == SIPRAck(responseNumber: 776_656, cseqNumber: 1, method: "INVITE")
        )
        #expect(
            try SIPRAck.parse(headerValue("1\r\n 0 invite"), limits: .default)
                == SIPRAck(responseNumber: 1, cseqNumber: 0, method: "invite")
        )
    }

    @Test(arguments: [
        ("", "RAck response-num is empty", 0),
        ("1", "RAck needs white space and then a CSeq-num", 1),
        ("1 2", "RAck needs white space and then a Method", 3),
        ("1 2 ", "RAck needs white space and then a Method", 3),
        ("0 2 INVITE", "RAck response-num 0 is out of range", 0),
        ("1 4294967296 INVITE", "RAck CSeq-num '4294967296' is larger than 4294967295", 2),
        ("1 2 INVITE x", "unexpected text after the RAck Method", 10),
        ("1 2 <INVITE>", "RAck Method is not a token", 4),
        ("1,2 INVITE", "RAck response-num '1,2' is not a decimal number", 1),
    ])
    func rackErrors(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPRAck.parse(value, limits: .default)
        }
    }

    @Test func everyPrefixNeverTraps() {
        forEveryPrefix(of: "00000000000000000000000000000000000070") { value throws(SIPParseError) in
            _ = try SIPMaxForwards.parse(value, limits: .default)
            _ = try SIPContentLength.parse(value, limits: .default)
            _ = try SIPExpires.parse(value, limits: .default)
        }
        forEveryPrefix(of: "776656 4294967295 INVITE") { value throws(SIPParseError) in
            _ = try SIPRAck.parse(value, limits: .default)
        }
        forEveryPrefix(of: "-12x") { value throws(SIPParseError) in
            _ = try SIPContentLength.parse(value, limits: .default)
        }
    }
}
