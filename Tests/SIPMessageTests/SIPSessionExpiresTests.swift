import Testing

@testable import SIPMessage

@Suite struct SIPSessionExpiresTests {
    @Test func sessionExpires() throws {
        // RFC 4028 section 4 examples.
        let value = try SIPSessionExpires.parse(headerValue("4000;refresher=uac"), limits: .default)
        #expect(value.seconds == 4000)
        #expect(value.refresher == .uac)
        #expect(value.notes.isEmpty)
        let spaced = try SIPSessionExpires.parse(headerValue("1800 ; REFRESHER = UAS;x;y=1"), limits: .default)
        #expect(spaced.refresher == .uas)
        #expect(spaced.parameters.map(\.name) == ["REFRESHER", "x", "y"])
        #expect(try SIPSessionExpires.parse(headerValue("90"), limits: .default) == SIPSessionExpires(seconds: 90))
        let odd = try SIPSessionExpires.parse(headerValue("90;refresher=proxy"), limits: .default)
        #expect(odd.refresher == nil)
        #expect(odd.parameters["refresher"] == .some("proxy"))
        #expect(odd.notes.map(\.message) == ["refresher is neither uac nor uas (RFC 4028 section 4); ignored"])
    }

    @Test func minSE() throws {
        #expect(try SIPMinSE.parse(headerValue("90"), limits: .default) == SIPMinSE(seconds: 90))
        let value = try SIPMinSE.parse(headerValue("120;lr"), limits: .default)
        #expect(value.seconds == 120)
        #expect(value.parameters.contains("lr"))
    }

    @Test(arguments: [
        ("", "Session-Expires is empty", 0),
        ("-1", "Session-Expires '-1' is negative", 0),
        ("4294967296;refresher=uac", "Session-Expires '4294967296' is larger than 4294967295", 0),
        ("abc", "is not a decimal number", 0),
        ("90 x", "unexpected 'x' after Session-Expires parameters", 3),
        ("90;refresher=\"uac", "quoted string is not closed", 13),
        ("90;=x", "expected a parameter name", 3),
    ])
    func malformed(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPSessionExpires.parse(value, limits: .default)
        }
    }

    @Test func minSEErrorsAndPrefixes() {
        expectError("90 90", .invalidHeaderValue, "unexpected '90' after Min-SE parameters", offset: 3) {
            value throws(SIPParseError) in
            try SIPMinSE.parse(value, limits: .default)
        }
        expectError("1.5", .invalidHeaderValue, "Min-SE '1.5' is not a decimal number", offset: 1) {
            value throws(SIPParseError) in
            try SIPMinSE.parse(value, limits: .default)
        }
        forEveryPrefix(of: "1800;refresher=uas;x=\"y\"") { value throws(SIPParseError) in
            _ = try SIPSessionExpires.parse(value, limits: .default)
            _ = try SIPMinSE.parse(value, limits: .default)
        }
    }
}
