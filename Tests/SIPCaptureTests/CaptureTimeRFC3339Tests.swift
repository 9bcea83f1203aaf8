import SIPCapture
import Testing

/// Reading RFC 3339 date-times (section 5.6), as the Homer text export and the API's time
/// windows write them.
@Suite struct CaptureTimeRFC3339Tests {
    /// Every instant written with nine digits reads back as itself, before and after 1970,
    /// across leap days and century years.
    @Test(arguments: [
        Int64(0), 1, -1, 1_727_395_200_123_456_789, 951_782_400_000_000_000, 951_868_799_999_999_999,
        -2_208_988_800_000_000_000, 4_107_542_399_000_000_000, -9_000_000_000_000_000_000,
    ])
    func roundTripsWhatItWrites(nanoseconds: Int64) throws {
        let time = CaptureTime(nanoseconds: nanoseconds)
        #expect(CaptureTime(rfc3339: time.rfc3339(fractionDigits: 9)) == time)
    }

    @Test func readsTheFormsTheRFCAllows() throws {
        let reference = try #require(CaptureTime(rfc3339: "2024-09-27T00:00:00.123456Z"))
        #expect(reference.nanoseconds == 1_727_395_200_123_456_000)
        #expect(CaptureTime(rfc3339: "2024-09-27t00:00:00.123456z") == reference)
        #expect(CaptureTime(rfc3339: "2024-09-27 00:00:00.123456Z") == reference)
        #expect(CaptureTime(rfc3339: "2024-09-27T02:30:00.123456+02:30") == reference)
        #expect(CaptureTime(rfc3339: "2024-09-26T19:00:00.123456-05:00") == reference)
        #expect(CaptureTime(rfc3339: "2024-09-27T00:00:00Z")?.nanoseconds == 1_727_395_200_000_000_000)
        #expect(CaptureTime(rfc3339: "2024-09-27T00:00:00.5Z")?.nanoseconds == 1_727_395_200_500_000_000)
        #expect(CaptureTime(rfc3339: "2024-09-27T00:00:00.000000001Z")?.nanoseconds == 1_727_395_200_000_000_001)
        // Leap days exist in 2000 and 2024, not in 1900 or 2023.
        #expect(CaptureTime(rfc3339: "2000-02-29T00:00:00Z") != nil)
        #expect(CaptureTime(rfc3339: "2024-02-29T00:00:00Z") != nil)
        // A leap second is the next minute's first instant.
        #expect(CaptureTime(rfc3339: "2016-12-31T23:59:60Z") == CaptureTime(rfc3339: "2017-01-01T00:00:00Z"))
    }

    @Test(arguments: [
        "", "2024-09-27", "2024-09-27T00:00:00", "2024-09-27T00:00:00+0200", "2024-09-27T00:00:00 Z",
        "2024-9-27T00:00:00Z", "2024-09-27T24:00:00Z", "2024-09-27T23:60:00Z", "2024-09-27T23:59:61Z",
        "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-00-01T00:00:00Z", "2024-09-00T00:00:00Z", "2024-09-27T00:00:00.Z",
        "2024-09-27T00:00:00.1234567891Z", "2024-09-27T00:00:00+24:00", "2024-09-27T00:00:00+02:60",
        "2024-09-27T00:00:00Zjunk", "2024-09-27X00:00:00Z", "+024-09-27T00:00:00Z", "2024-09-27T00:00:00ZZ",
        "9999-12-31T23:59:59Z", "1600-01-01T00:00:00Z", "２０２４-09-27T00:00:00Z",
    ])
    func refusesAnythingElse(_ text: String) {
        #expect(CaptureTime(rfc3339: text) == nil)
    }
}
