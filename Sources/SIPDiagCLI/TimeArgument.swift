import SIPCapture

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A time as `--from` and `--to` take it, for the API's capture window (which the API takes in
/// epoch milliseconds):
///
/// - RFC 3339: `2024-09-27T10:00:00Z`, `2024-09-27T12:00:00+02:00` (``CaptureTime/init(rfc3339:)``);
/// - epoch seconds (up to 11 digits, `1727431200`) or milliseconds (12 or 13 digits,
///   `1727431200000`): told apart by size, as a current time in seconds has 10 digits and in
///   milliseconds 13;
/// - a time before now: a number and a unit, `s`, `m`, `h`, `d` or `w`, several of them in a
///   row (`90m`, `1h30m`, `2d`), or `now`.
enum TimeArgument {
    /// The window a command uses when `--from` or `--to` is missing: the 24 hours before now.
    static let defaultSpanSeconds: Int64 = 24 * 3600

    /// The wall-clock time now.
    static var now: CaptureTime {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return CaptureTime(nanoseconds: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec))
    }

    /// The time `text` names, or a usage error that says what the option accepts.
    static func parse(_ text: String, option: String, now: CaptureTime) throws(UsageError) -> CaptureTime {
        if let time = CaptureTime(rfc3339: text) { return time }
        if let time = epoch(text) { return time }
        if let seconds = relativeSeconds(text) {
            return CaptureTime(nanoseconds: now.nanoseconds - seconds * 1_000_000_000)
        }
        throw UsageError(
            "\(option) '\(text)' is not a time: give RFC 3339 (2024-09-27T10:00:00Z), epoch seconds or "
                + "milliseconds (1727431200, 1727431200000), or how long ago (30m, 2h, 1d, 1h30m, now)"
        )
    }

    /// The window from `--from` and `--to` (either may be missing), checked to be in order.
    static func window(
        from: String?,
        to: String?,
        now: CaptureTime
    ) throws(UsageError) -> (from: CaptureTime, to: CaptureTime) {
        var end = now
        if let to { end = try parse(to, option: "--to", now: now) }
        var start = CaptureTime(nanoseconds: end.nanoseconds - defaultSpanSeconds * 1_000_000_000)
        if let from { start = try parse(from, option: "--from", now: now) }
        guard start < end else {
            throw UsageError(
                "--from (\(start.rfc3339(fractionDigits: 3))) must be before --to (\(end.rfc3339(fractionDigits: 3)))"
            )
        }
        return (start, end)
    }

    /// Whole epoch seconds (1 to 11 digits) or milliseconds (12 or 13 digits).
    private static func epoch(_ text: String) -> CaptureTime? {
        guard (1...13).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let value = Int64(text)
        else { return nil }
        let (nanoseconds, overflow) = value.multipliedReportingOverflow(
            by: text.utf8.count <= 11 ? 1_000_000_000 : 1_000_000
        )
        return overflow ? nil : CaptureTime(nanoseconds: nanoseconds)
    }

    /// A century: further back than any capture.
    private static let maximumSeconds: Int64 = 100 * 365 * 86_400

    /// Seconds before now for `now`, `90m`, `1h30m`, `2d`; `nil` for anything else.
    private static func relativeSeconds(_ text: String) -> Int64? {
        if text == "now" { return 0 }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var total: Int64 = 0
        var digits = ""
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                // Ten digits of weeks is already past any capture: longer numbers are refused.
                guard digits.count <= 10 else { return nil }
            } else if let unit = units[character], let value = Int64(digits) {
                // At most 10 digits times a week, added to less than a century: no overflow.
                total += value * unit
                digits = ""
                guard total < maximumSeconds else { return nil }
            } else {
                return nil
            }
        }
        // Something read, and no number left without its unit.
        guard digits.isEmpty, !text.isEmpty else { return nil }
        return total
    }
}
