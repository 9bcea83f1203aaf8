import Testing

@testable import SIPMessage

private func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("Retry-After: " + text).utf8)
    return bytes[13...]
}

@Suite struct SIPRetryAfterTests {
    /// RFC 3261 section 20.33 examples.
    @Test func parses() throws {
        let value = try SIPRetryAfter.parse(slice("18000;duration=3600"), limits: .default)
        #expect(value.seconds == 18000)
        #expect(value.duration == 3600)
        #expect(value.comment == nil)
        #expect(value.description == "18000;duration=3600")
        let commented = try SIPRetryAfter.parse(slice("120 (I'm in a (long) meeting)"), limits: .default)
        #expect(commented.seconds == 120)
        #expect(commented.comment == "I'm in a (long) meeting")
        #expect(commented.duration == nil)
        #expect(commented.description == "120 (I'm in a (long) meeting)")
        let escaped = try SIPRetryAfter.parse(slice("0 (a \\) b) ; x = y"), limits: .default)
        #expect(escaped.comment == "a ) b")
        #expect(escaped.parameters["x"] == .some("y"))
        #expect(try SIPRetryAfter.parse(slice("4294967295"), limits: .default).seconds == 4_294_967_295)
    }

    @Test(arguments: [
        // scalarlg.dat, RFC 4475 section 3.1.2.5
        ("949302838503028349304023988", "Retry-After '949302838503028349304023988' is larger than 2**32-1"),
        ("4294967296", "is larger than 2**32-1"),
        ("", "must start with a number of seconds"),
        ("soon", "must start with a number of seconds"),
        ("120 (open", "comment is not closed"),
        ("120 ((nested)", "comment is not closed"),
        ("120;duration=forever", "duration 'forever' is not delta-seconds"),
        ("120;duration", "duration '' is not delta-seconds"),
        ("120 x", "unexpected 'x' in Retry-After"),
    ])
    func rejects(text: String, fragment: String) {
        #expect {
            try SIPRetryAfter.parse(slice(text), limits: .default)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == .invalidHeaderValue && error.reason.contains(fragment) && (error.offset ?? -1) >= 13
        }
    }

    @Test func everyPrefix() {
        let bytes = Array("120 (I'm \\( in a (long) meeting) ;duration=3600;x=\"y\"".utf8)
        for length in 0...bytes.count {
            _ = try? SIPRetryAfter.parse(bytes[0..<length], limits: .default)
            _ = try? SIPRetryAfter.parse(bytes[length...], limits: .default)
        }
    }
}
