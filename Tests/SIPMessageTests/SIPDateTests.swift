import Testing

@testable import SIPMessage

@Suite struct SIPDateTests {
    @Test func rfc3261Example() throws {
        // RFC 3261 section 20.17.
        let date = try SIPDate.parse(headerValue("Sat, 13 Nov 2010 23:29:00 GMT"), limits: .default)
        #expect(date.raw == "Sat, 13 Nov 2010 23:29:00 GMT")
        #expect([date.year, date.month, date.day, date.hour, date.minute, date.second] == [2010, 11, 13, 23, 29, 0])
        #expect(date.weekday == 6)
        #expect(date.secondsSince1970 == 1_289_690_940)
        #expect(date.notes.isEmpty)
    }

    @Test func leapYearsEpochAndCase() throws {
        let epoch = try SIPDate.parse(headerValue("Thu, 01 Jan 1970 00:00:00 GMT"), limits: .default)
        #expect(epoch.secondsSince1970 == 0)
        let leap = try SIPDate.parse(headerValue("tue, 29 FEB 2000  12:00:00\r\n gmt"), limits: .default)
        #expect(leap.secondsSince1970 == 951_825_600)
        #expect(leap.notes.isEmpty)
        let before = try SIPDate.parse(headerValue("Wed, 31 Dec 1969 23:59:59 GMT"), limits: .default)
        #expect(before.secondsSince1970 == -1)
    }

    @Test func weekdayMismatchIsANote() throws {
        // RFC 4475 section 3.1.2.12, baddate.dat uses 2010-01-01, a Friday; here a Monday is claimed.
        let date = try SIPDate.parse(headerValue("Mon, 01 Jan 2010 16:00:00 GMT"), limits: .default)
        #expect(date.notes.map(\.message) == ["weekday mon does not match the date (fri)"])
        #expect(date.notes.first?.code == .inconsistent)
    }

    @Test(arguments: [
        // RFC 4475 section 3.1.2.12, baddate.dat.
        ("Fri, 01 Jan 2010 16:00:00 EST", "time zone 'EST' is not GMT (RFC 3261 section 20.17 allows only GMT)", 26),
        ("Fri, 01 Jan 2010 16:00:00 UTC", "time zone 'UTC' is not GMT", 26),
        ("Fri, 01 Jan 2010 16:00:00 +0000", "time zone '+0000' is not GMT", 26),
        ("Fri, 01 Jan 2010 16:00:00", "time zone is missing; only GMT is allowed", 25),
        ("Fri, 01 Jan 2010 16:00:00GMT", "expected a space", 25),
        ("Fri, 01 Jan 2010 16:00:00 GMT x", "unexpected 'x' after the time zone", 30),
        ("Friday, 01 Jan 2010 16:00:00 GMT", "weekday 'Friday' is not one of mon tue", 0),
        ("Fri 01 Jan 2010 16:00:00 GMT", "expected ',' after the weekday", 3),
        ("Fri,01 Jan 2010 16:00:00 GMT", "expected a space", 4),
        ("Fri, 1 Jan 2010 16:00:00 GMT", "day must be 2 digits, found '1'", 5),
        ("Fri, 01 January 2010 16:00:00 GMT", "month 'January' is not one of jan", 8),
        ("Fri, 01 Jan 10 16:00:00 GMT", "year must be 4 digits, found '10'", 12),
        ("Fri, 01 Jan 2010 16-00:00 GMT", "expected ':' after the hour", 19),
        ("Fri, 01 Jan 2010 16:0:00 GMT", "minute must be 2 digits", 20),
        ("Fri, 30 Feb 2010 16:00:00 GMT", "day 30 does not exist in month 2 of 2010", 5),
        ("Fri, 29 Feb 2100 16:00:00 GMT", "day 29 does not exist in month 2 of 2100", 5),
        ("Fri, 00 Jan 2010 16:00:00 GMT", "day 0 does not exist", 5),
        ("Fri, 01 Jan 2010 24:00:00 GMT", "time 24:0:0 is out of range", 17),
        ("Fri, 01 Jan 2010 23:59:60 GMT", "is out of range 00:00:00 to 23:59:59", 17),
        ("", "weekday '' is not one of", 0),
    ])
    func malformed(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPDate.parse(value, limits: .default)
        }
    }

    @Test func everyPrefix() {
        let parsed = forEveryPrefix(of: "Sat, 13 Nov 2010 23:29:00 GMT") { value throws(SIPParseError) in
            _ = try SIPDate.parse(value, limits: .default)
        }
        #expect(parsed == 1)
    }
}
