import Foundation

/// The `Retry-After` response header (RFC 9110 section 10.2.3): either `delay-seconds` (a
/// non-negative decimal integer) or an `HTTP-date` (RFC 9110 section 5.6.7: the preferred
/// IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must accept).
struct RetryAfter: Sendable, Equatable {
    /// Seconds to wait from `now`, never negative (a date in the past means "now").
    let seconds: Double

    /// Parses `value` relative to `now`; nil when it is neither form, in which case the header is
    /// ignored and the client's own backoff applies.
    init?(_ value: String, now: Date) {
        let text = value.trimmingSpaces()
        guard !text.isEmpty else { return nil }
        if text.allSatisfy(\.isASCIIDigit) {
            // A huge number of seconds still means "much longer than we wait": saturate, never trap.
            seconds = text.count > 12 ? 1e12 : Double(Int64(text) ?? 0)
            return
        }
        guard let date = Self.httpDate(text) else { return nil }
        seconds = max(0, date.timeIntervalSince(now))
    }

    /// The three HTTP-date forms, all in GMT (RFC 9110 section 5.6.7).
    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss 'GMT'",  // IMF-fixdate
        "EEEE, dd-MMM-yy HH:mm:ss 'GMT'",  // RFC 850
        "EEE MMM d HH:mm:ss yyyy",  // asctime
    ]

    static func httpDate(_ text: String) -> Date? {
        // Formatters are not Sendable; making them on demand is fine for one header per response.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.isLenient = false
        // asctime pads a one-digit day with a space ("Nov  6"): collapse runs of spaces first.
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: collapsed) { return date }
        }
        return nil
    }
}
