import Testing

@testable import SIPCapture

@Suite struct ValueTypeTests {
    @Test(arguments: [
        ("2001:db8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        ("::", "::"),
        ("::1", "::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
        ("[2001:db8::2]", "2001:db8::2"),
        ("192.0.2.33", "192.0.2.33"),
    ])
    func addressesRoundTripInRFC5952Form(input: String, expected: String) throws {
        let address = try #require(IPAddress(input))
        #expect(address.description == expected)
        #expect(IPAddress(bytes: address.bytes) == address)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.256", "1.2.3.4.5", "2001:db8:::1", "1::2::3", "12345::", "g::1", "1:2:3:4:5:6:7:8:9",
    ])
    func malformedAddressesAreRejected(input: String) {
        #expect(IPAddress(input) == nil)
    }

    @Test func endpointsBracketIPv6() throws {
        #expect(Endpoint(address: try #require(IPAddress("::1")), port: 5060).description == "[::1]:5060")
        #expect(Endpoint(address: try #require(IPAddress("10.0.0.1")), port: 5061).description == "10.0.0.1:5061")
    }

    @Test(arguments: [
        (Int64(0), 9, "1970-01-01T00:00:00.000000000Z"),
        (1_727_395_200_123_456_000, 6, "2024-09-27T00:00:00.123456Z"),
        (951_782_400_000_000_000, 0, "2000-02-29T00:00:00Z"),
        (-1, 3, "1969-12-31T23:59:59.999Z"),
        (4_102_444_800_000_000_001, 9, "2100-01-01T00:00:00.000000001Z"),
    ])
    func timesFormatAsRFC3339(nanoseconds: Int64, digits: Int, expected: String) {
        #expect(CaptureTime(nanoseconds: nanoseconds).rfc3339(fractionDigits: digits) == expected)
    }

    @Test func offsetsAreSignedSecondsWithMicroseconds() {
        let origin = CaptureTime(nanoseconds: 1_000_000_000)
        #expect(CaptureTime(nanoseconds: 2_234_567_999).offset(from: origin) == "+1.234567")
        #expect(CaptureTime(nanoseconds: 999_990_000).offset(from: origin) == "-0.000010")
    }

    @Test func extremeSecondsSaturateInsteadOfTrapping() {
        #expect(CaptureTime(seconds: .max, nanoseconds: 0).nanoseconds == .max)
        #expect(CaptureTime(seconds: .min, nanoseconds: 0).nanoseconds == .min)
    }
}
