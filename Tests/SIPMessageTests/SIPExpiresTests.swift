import Testing

@testable import SIPMessage

@Suite struct SIPExpiresTests {
    @Test func expires() throws {
        #expect(try SIPExpires.parse(headerValue("3600"), limits: .default).seconds == 3600)
        #expect(try SIPExpires.parse(headerValue("4294967295"), limits: .default).seconds == UInt32.max)
        #expect(try SIPMinExpires.parse(headerValue("60"), limits: .default).seconds == 60)
        // RFC 4475 section 3.1.2.4, scalar02.dat: above 2**32-1 is an error, not clamped.
        let huge = "1" + String(repeating: "0", count: 100)
        expectError(huge, .invalidHeaderValue, "Expires '1000000000000000000000000000000000000000...' (101 bytes)") {
            value throws(SIPParseError) in
            try SIPExpires.parse(value, limits: .default)
        }
        expectError(huge, .invalidHeaderValue, "is larger than 4294967295 (RFC 3261 section 20.19)", offset: 0) {
            value throws(SIPParseError) in
            try SIPExpires.parse(value, limits: .default)
        }
        expectError("4294967296", .invalidHeaderValue, "Expires '4294967296' is larger than 4294967295") {
            value throws(SIPParseError) in
            try SIPExpires.parse(value, limits: .default)
        }
        expectError("-3600", .invalidHeaderValue, "Min-Expires '-3600' is negative") { value throws(SIPParseError) in
            try SIPMinExpires.parse(value, limits: .default)
        }
        expectError("soon", .invalidHeaderValue, "RFC 3261 section 20.23") { value throws(SIPParseError) in
            try SIPMinExpires.parse(value, limits: .default)
        }
    }
}
