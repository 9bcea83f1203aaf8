import Foundation

/// Times in messages, as RFC 3339 section 5.6 `date-time` in UTC (`2026-12-05T07:00:00Z`), with
/// milliseconds only when they are not zero.
enum RFC3339 {
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        formatter.formatOptions =
            milliseconds.truncatingRemainder(dividingBy: 1000) == 0
            ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Epoch milliseconds as RFC 3339.
    static func string(milliseconds: Int64) -> String {
        string(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
