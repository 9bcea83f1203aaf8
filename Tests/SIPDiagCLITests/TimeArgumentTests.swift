import SIPCapture
import Testing

@testable import SIPDiagCLI

/// `--from` and `--to`: the forms they accept, and what they refuse.
@Suite struct TimeArgumentTests {
    /// 2024-09-27T10:00:00Z.
    static let now = CaptureTime(nanoseconds: 1_727_431_200_000_000_000)

    static func parse(_ text: String) throws -> CaptureTime {
        try TimeArgument.parse(text, option: "--from", now: now)
    }

    static func secondsBeforeNow(_ text: String) throws -> Int64 {
        (now.nanoseconds - (try parse(text)).nanoseconds) / 1_000_000_000
    }

    @Test func absoluteForms() throws {
        #expect(try Self.parse("2024-09-27T10:00:00Z") == Self.now)
        #expect(try Self.parse("2024-09-27T12:00:00+02:00") == Self.now)
        #expect(try Self.parse("1727431200") == Self.now)
        #expect(try Self.parse("1727431200000") == Self.now)
        #expect(try Self.parse("1727431200123").nanoseconds == 1_727_431_200_123_000_000)
        #expect(try Self.parse("0") == CaptureTime(nanoseconds: 0))
    }

    @Test func relativeForms() throws {
        #expect(try Self.secondsBeforeNow("now") == 0)
        #expect(try Self.secondsBeforeNow("45s") == 45)
        #expect(try Self.secondsBeforeNow("30m") == 1800)
        #expect(try Self.secondsBeforeNow("2h") == 7200)
        #expect(try Self.secondsBeforeNow("1h30m") == 5400)
        #expect(try Self.secondsBeforeNow("1d") == 86_400)
        #expect(try Self.secondsBeforeNow("2w") == 1_209_600)
    }

    @Test(arguments: [
        "", "yesterday", "2h30", "h", "1x", "-2h", "1.5h", "17274312000000", "1727431200000000", "2024-09-27",
        "99999999999w", "1e9", "２h", "9999999999999", "99999999999", "9999999999w", "5000w5000w5000w",
        String(repeating: "9999w", count: 5000),
    ])
    func refusals(_ text: String) {
        #expect(throws: UsageError.self) { try Self.parse(text) }
    }

    @Test func refusalSaysWhatIsAccepted() {
        #expect(
            throws: UsageError(
                "--from 'soon' is not a time: give RFC 3339 (2024-09-27T10:00:00Z), epoch seconds or "
                    + "milliseconds (1727431200, 1727431200000), or how long ago (30m, 2h, 1d, 1h30m, now)"
            )
        ) { try Self.parse("soon") }
    }

    @Test func windowDefaultsAndOrder() throws {
        let whole = try TimeArgument.window(from: nil, to: nil, now: Self.now)
        #expect(whole.to == Self.now)
        #expect(whole.from.nanoseconds == Self.now.nanoseconds - 86_400 * 1_000_000_000)
        let lastHour = try TimeArgument.window(from: "1h", to: nil, now: Self.now)
        #expect(lastHour.from.nanoseconds == Self.now.nanoseconds - 3600 * 1_000_000_000)
        let before = try TimeArgument.window(from: nil, to: "2h", now: Self.now)
        #expect(before.to.nanoseconds - before.from.nanoseconds == 86_400 * 1_000_000_000)
        #expect(
            throws: UsageError(
                "--from (2024-09-27T10:00:00.000Z) must be before --to (2024-09-27T09:00:00.000Z)"
            )
        ) { try TimeArgument.window(from: "now", to: "1h", now: Self.now) }
    }
}
