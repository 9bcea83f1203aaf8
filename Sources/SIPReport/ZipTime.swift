import SIPCapture

/// A zip entry's modification time in the MS-DOS form zip stores (APPNOTE.TXT section 4.4.6):
/// local time without a zone, two-second resolution, from 1980 to 2107. sipdiag writes UTC.
public struct ZipTime: Sendable, Hashable {
    /// Bits 15-9 year since 1980, 8-5 month, 4-0 day.
    public let date: UInt16
    /// Bits 15-11 hour, 10-5 minute, 4-0 seconds divided by two.
    public let time: UInt16

    /// The time `seconds` after 1970-01-01T00:00:00Z, rounded down to an even second and
    /// clamped to what the format holds (1980-01-01T00:00:00 to 2107-12-31T23:59:58).
    public init(secondsSinceEpoch seconds: Int64) {
        let earliest: Int64 = 315_532_800  // 1980-01-01T00:00:00Z
        let latest: Int64 = 4_354_819_198  // 2107-12-31T23:59:58Z
        let clamped = min(max(seconds, earliest), latest)
        let days = clamped / 86_400
        let secondOfDay = clamped % 86_400
        let (year, month, day) = CaptureTime.civilDate(daysSinceEpoch: days)
        date = UInt16(truncatingIfNeeded: (year - 1980) << 9 | month << 5 | day)
        time = UInt16(
            truncatingIfNeeded: (secondOfDay / 3600) << 11 | (secondOfDay / 60 % 60) << 5 | secondOfDay % 60 / 2
        )
    }
}
