import Testing

@testable import SIPMessage

@Suite struct SIPContentLengthTests {
    @Test func contentLength() throws {
        #expect(try SIPContentLength.parse(headerValue("0"), limits: .default).value == 0)
        // RFC 4475 section 3.1.1.1, wsinv.dat.
        #expect(try SIPContentLength.parse(headerValue("150"), limits: .default).value == 150)
        #expect(try SIPContentLength.parse(headerValue("9223372036854775807"), limits: .default).value == Int.max)
        #expect(try SIPContentLength.parse(headerValue("000000000000000000000000013"), limits: .default).value == 13)
        #expect(SIPContentLength(-5).value == 0)
    }

    @Test(arguments: [
        // RFC 4475 section 3.1.2.3, ncl.dat.
        ("-999", "Content-Length '-999' is negative", 0),
        ("-1", "Content-Length '-1' is negative", 0),
        ("9223372036854775808", "is larger than 9223372036854775807", 0),
        ("18446744073709551616", "is larger than 9223372036854775807", 0),
        ("1x", "Content-Length '1x' is not a decimal number", 1),
        ("abc", "is not a decimal number", 0),
        ("1.5", "is not a decimal number", 1),
        ("-", "is not a decimal number", 0),
        ("--1", "is not a decimal number", 0),
        ("", "Content-Length is empty", 0),
        ("0x10", "is not a decimal number", 1),
    ])
    func contentLengthErrors(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPContentLength.parse(value, limits: .default)
        }
    }
}
