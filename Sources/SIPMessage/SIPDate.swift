/// The Date header value (RFC 3261 section 20.17): `SIP-date = rfc1123-date`,
/// `rfc1123-date = wkday "," SP date1 SP time SP "GMT"`, `date1 = 2DIGIT SP month SP 4DIGIT`,
/// `time = 2DIGIT ":" 2DIGIT ":" 2DIGIT` (RFC 3261 section 25.1, from RFC 2616 section 3.3.1).
///
/// Only GMT is allowed: RFC 3261 section 20.17 restricts the time zone, and RFC 4475 section
/// 3.1.2.12 (baddate.dat, `EST`) is the malformed case. A weekday that does not match the date
/// is kept with a note (the date itself is clear). Names compare case-insensitively, as ABNF
/// literals do (RFC 2234 section 2.3), and runs of white space count as one SP.
public struct SIPDate: Hashable, Sendable {
    /// The value as sent, trimmed.
    public var raw: String
    public var year: Int
    /// 1 (January) to 12.
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// The weekday as written: 1 (Monday) to 7 (Sunday).
    public var weekday: Int
    public var notes: [SIPParseNote]

    /// Seconds since 1970-01-01 00:00:00 GMT.
    public var secondsSince1970: Int64 {
        Self.daysSince1970(year: year, month: month, day: day) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPDate {
        let value = SIPScanner.trimmed(bytes)
        var scanner = SIPScanner(value)
        let weekdayStart = scanner.index
        let weekday = try name(&scanner, from: weekdays, what: "weekday")
        guard scanner.consume(0x2C) else {
            throw error("expected ',' after the weekday", at: scanner.index)
        }
        try space(&scanner)
        let dayStart = scanner.index
        let day = try number(&scanner, digits: 2, what: "day")
        try space(&scanner)
        let month = try name(&scanner, from: months, what: "month")
        try space(&scanner)
        let year = try number(&scanner, digits: 4, what: "year")
        try space(&scanner)
        let timeStart = scanner.index
        let hour = try number(&scanner, digits: 2, what: "hour")
        guard scanner.consume(0x3A) else { throw error("expected ':' after the hour", at: scanner.index) }
        let minute = try number(&scanner, digits: 2, what: "minute")
        guard scanner.consume(0x3A) else { throw error("expected ':' after the minute", at: scanner.index) }
        let second = try number(&scanner, digits: 2, what: "second")
        guard !scanner.isAtEnd else {
            throw error("time zone is missing; only GMT is allowed", at: scanner.index)
        }
        try space(&scanner)
        let zoneStart = scanner.index
        let zone = scanner.scan { !SIPScanner.isWhitespace($0) } ?? scanner.rest.prefix(0)
        guard zone.count == 3, String(decoding: zone, as: UTF8.self).lowercased() == "gmt" else {
            throw error(
                "time zone \(SIPHeaderValueText.excerpt(zone)) is not GMT (RFC 3261 section 20.17 allows only GMT)",
                at: zoneStart
            )
        }
        try SIPHeaderValueText.expectEnd(&scanner, after: "the time zone", rule: "RFC 3261 section 25.1 rfc1123-date")
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else {
            throw error("day \(day) does not exist in month \(month) of \(year)", at: dayStart)
        }
        guard hour <= 23, minute <= 59, second <= 59 else {
            throw error("time \(hour):\(minute):\(second) is out of range 00:00:00 to 23:59:59", at: timeStart)
        }
        var notes: [SIPParseNote] = []
        // 1970-01-01 was a Thursday (4).
        let days = daysSince1970(year: year, month: month, day: day)
        let actualWeekday = Int(((days % 7) + 7 + 3) % 7) + 1
        if actualWeekday != weekday {
            notes.append(
                SIPParseNote(
                    .inconsistent,
                    "weekday \(weekdays[max(0, min(6, weekday - 1))]) does not match the date "
                        + "(\(weekdays[max(0, min(6, actualWeekday - 1))]))",
                    offset: weekdayStart
                )
            )
        }
        return SIPDate(
            raw: String(decoding: value, as: UTF8.self),
            year: year,
            month: month,
            day: day,
            hour: hour,
            minute: minute,
            second: second,
            weekday: weekday,
            notes: notes
        )
    }

    private static func error(_ reason: String, at offset: Int) -> SIPParseError {
        SIPParseError(.invalidHeaderValue, "Date: \(reason) (RFC 3261 section 20.17)", offset: offset)
    }

    /// One of `names` (three letters, any case); returns its 1-based position.
    private static func name(
        _ scanner: inout SIPScanner,
        from names: [String],
        what: String
    ) throws(SIPParseError) -> Int {
        let start = scanner.index
        let word = scanner.scan { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } ?? scanner.rest.prefix(0)
        let text = String(decoding: word, as: UTF8.self).lowercased()
        guard let position = names.firstIndex(of: text) else {
            throw error(
                "\(what) \(SIPHeaderValueText.excerpt(word)) is not one of \(names.joined(separator: " "))",
                at: start
            )
        }
        return position + 1
    }

    /// Exactly `digits` decimal digits.
    private static func number(_ scanner: inout SIPScanner, digits: Int, what: String) throws(SIPParseError) -> Int {
        let start = scanner.index
        let run = scanner.scan(while: SIPHeaderValueText.isDigit) ?? scanner.rest.prefix(0)
        guard run.count == digits else {
            throw error("\(what) must be \(digits) digits, found \(SIPHeaderValueText.excerpt(run))", at: start)
        }
        return run.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
    }

    private static func space(_ scanner: inout SIPScanner) throws(SIPParseError) {
        let start = scanner.index
        scanner.skipWhitespace()
        guard scanner.index > start else { throw error("expected a space", at: start) }
    }

    private static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the date in the proleptic Gregorian calendar (H. Hinnant's
    /// days_from_civil). Years are 4 digits, so nothing here can overflow.
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int64 {
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthIndex = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthIndex + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
