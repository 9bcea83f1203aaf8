extension CaptureTime {
    /// Reads an RFC 3339 date-time (RFC 3339 section 5.6), as capture exports and the API's
    /// time windows write it: `2024-09-27T00:00:00.123456Z` or `2024-09-27T02:00:00+02:00`.
    ///
    /// - Date and time separated by `T`, `t` or one space (the section 5.6 note allows the
    ///   space); 0 to 9 fractional digits (finer ones cannot be kept in nanoseconds);
    ///   `Z`, `z` or a numeric offset `+hh:mm` / `-hh:mm`.
    /// - The date must exist (section 5.7: February 29 only in leap years). A leap second
    ///   (`:60`, section 5.7) is read as the first instant of the next minute, since a capture
    ///   clock counts POSIX seconds, which have no leap seconds.
    /// - `nil` for anything else, or a time outside what 64-bit nanoseconds hold (about the
    ///   years 1678 to 2262).
    public init?(rfc3339 text: some StringProtocol) {
        let bytes = Array(text.utf8)
        // date-time = full-date "T" partial-time time-offset: at least 20 bytes.
        guard bytes.count >= 20, bytes.count <= 35 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[start..<start + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2), bytes[7] == 0x2D,
            let day = number(8, 2), [0x54, 0x74, 0x20].contains(bytes[10]),
            let hour = number(11, 2), bytes[13] == 0x3A, let minute = number(14, 2), bytes[16] == 0x3A,
            let second = number(17, 2)
        else { return nil }
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day), hour <= 23,
            minute <= 59, second <= 60
        else { return nil }
        var position = 19
        var fraction: Int64 = 0
        if bytes[position] == 0x2E {
            position += 1
            let start = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            let digits = position - start
            guard (1...9).contains(digits), let value = number(start, digits) else { return nil }
            fraction = value
            for _ in digits..<9 { fraction *= 10 }
        }
        guard position < bytes.count else { return nil }
        let offsetSeconds: Int64
        switch bytes[position] {
        case 0x5A, 0x7A:
            guard position + 1 == bytes.count else { return nil }
            offsetSeconds = 0
        case 0x2B, 0x2D:
            // time-numoffset = ("+" / "-") time-hour ":" time-minute
            guard position + 6 == bytes.count, bytes[position + 3] == 0x3A,
                let offsetHour = number(position + 1, 2), let offsetMinute = number(position + 4, 2),
                offsetHour <= 23, offsetMinute <= 59
            else { return nil }
            let magnitude = offsetHour * 3600 + offsetMinute * 60
            offsetSeconds = bytes[position] == 0x2B ? magnitude : -magnitude
        default:
            return nil
        }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        // The local time minus its offset is UTC (section 4.2).
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (total, overflowAdding) = whole.addingReportingOverflow(fraction)
        guard !overflowAdding else { return nil }
        self.init(nanoseconds: total)
    }

    /// Days in `month` of `year`, proleptic Gregorian (RFC 3339 section 5.7).
    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A proleptic Gregorian date to days since 1970-01-01 (Howard Hinnant's
    /// `days_from_civil`, the inverse of the date ``rfc3339(fractionDigits:)`` writes).
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let (era, _) = shiftedYear.floorDivided(by: 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
