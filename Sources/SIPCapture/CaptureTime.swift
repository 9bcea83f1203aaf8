/// A capture timestamp: nanoseconds since the Unix epoch, UTC.
///
/// Nanoseconds hold every resolution a capture can have (pcap microseconds,
/// nanosecond pcap, pcapng `if_tsresol` down to 10^-9) without rounding.
public struct CaptureTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public init(seconds: Int64, nanoseconds: Int64) {
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        self.nanoseconds =
            overflow ? (seconds < 0 ? .min : .max) : whole.addingReportingOverflow(nanoseconds).partialValue
    }

    public static func < (lhs: CaptureTime, rhs: CaptureTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Whole seconds since the epoch (rounded down, also before 1970) and the nanoseconds after them.
    public var secondsAndFraction: (seconds: Int64, nanoseconds: Int64) {
        let (seconds, fraction) = nanoseconds.floorDivided(by: 1_000_000_000)
        return (seconds, fraction)
    }

    /// RFC 3339 in UTC with nine fractional digits, e.g. `2024-09-27T00:00:00.123456789Z`.
    public var description: String { rfc3339(fractionDigits: 9) }

    /// RFC 3339 in UTC with 0 to 9 fractional digits (truncated, not rounded).
    public func rfc3339(fractionDigits: Int) -> String {
        let digits = min(max(fractionDigits, 0), 9)
        let (seconds, fraction) = nanoseconds.floorDivided(by: 1_000_000_000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        // Written as bytes: reports print two of these per call, for tens of thousands of calls.
        var text: [UInt8] = []
        text.reserveCapacity(32)
        Self.appendPadded(year, width: 4, to: &text)
        text.append(0x2D)
        Self.appendPadded(month, width: 2, to: &text)
        text.append(0x2D)
        Self.appendPadded(day, width: 2, to: &text)
        text.append(0x54)
        Self.appendPadded(secondOfDay / 3600, width: 2, to: &text)
        text.append(0x3A)
        Self.appendPadded(secondOfDay / 60 % 60, width: 2, to: &text)
        text.append(0x3A)
        Self.appendPadded(secondOfDay % 60, width: 2, to: &text)
        if digits > 0 {
            text.append(0x2E)
            var scaled = fraction
            for _ in digits..<9 { scaled /= 10 }
            Self.appendPadded(scaled, width: digits, to: &text)
        }
        text.append(0x5A)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends `value` in decimal, zero-padded to `width` digits, with `-` before a negative value.
    private static func appendPadded(_ value: Int64, width: Int, to text: inout [UInt8]) {
        if value < 0 { text.append(0x2D) }
        let magnitude = value.magnitude
        var divisor: UInt64 = 1
        var count = 1
        while divisor <= magnitude / 10 {
            divisor *= 10
            count += 1
        }
        text.append(contentsOf: repeatElement(0x30, count: max(0, width - count)))
        while divisor > 0 {
            text.append(0x30 + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
    }

    /// Seconds relative to `origin` with microsecond precision, e.g. `+1.234567` or `-0.000010`.
    public func offset(from origin: CaptureTime) -> String {
        let delta = nanoseconds.subtractingReportingOverflow(origin.nanoseconds).partialValue
        let micros = delta / 1000
        let magnitude = Int64(bitPattern: micros.magnitude)
        var text: [UInt8] = [micros < 0 ? 0x2D : 0x2B]
        Self.appendPadded(magnitude / 1_000_000, width: 1, to: &text)
        text.append(0x2E)
        Self.appendPadded(magnitude % 1_000_000, width: 6, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `civil_from_days`).
    public static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = daysSinceEpoch + 719_468
        let (era, _) = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}

extension Int64 {
    /// Quotient rounded towards negative infinity and a non-negative remainder.
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = self / divisor
        var remainder = self % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }
}
