import Testing

@testable import SIPMessage

@Suite struct SIPMaxForwardsTests {
    @Test func maxForwards() throws {
        #expect(try SIPMaxForwards.parse(headerValue("70"), limits: .default).value == 70)
        // RFC 4475 section 3.3.11, zeromf.dat.
        #expect(try SIPMaxForwards.parse(headerValue("0"), limits: .default).value == 0)
        // RFC 4475 section 3.1.1.1, wsinv.dat: leading zeros.
        #expect(try SIPMaxForwards.parse(headerValue("0068"), limits: .default).value == 68)
        // RFC 4475 section 3.1.1.2, intmeth.dat.
        #expect(try SIPMaxForwards.parse(headerValue("255"), limits: .default).value == 255)
        #expect(try SIPMaxForwards.parse(headerValue(" 7 "), limits: .default).value == 7)
    }

    @Test(arguments: [
        // RFC 4475 section 3.1.2.4, scalar02.dat.
        ("300", SIPParseError.Code.invalidHeaderValue, "Max-Forwards '300' is larger than 255", 0),
        ("256", .invalidHeaderValue, "'256' is larger than 255", 0),
        ("", .invalidHeaderValue, "Max-Forwards is empty", 0),
        ("-1", .invalidHeaderValue, "is negative", 0),
        ("7a", .invalidHeaderValue, "is not a decimal number", 1),
        ("7 0", .invalidHeaderValue, "is not a decimal number", 1),
        ("+7", .invalidHeaderValue, "is not a decimal number", 0),
        ("99999999999999999999999", .invalidHeaderValue, "is larger than 255", 0),
    ])
    func maxForwardsErrors(text: String, code: SIPParseError.Code, fragment: String, offset: Int) {
        expectError(text, code, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPMaxForwards.parse(value, limits: .default)
        }
    }
}
