/// A `t=` line with the `r=` lines after it: when the session is active (RFC 8866 sections 5.9
/// and 5.10). SIP sessions use `t=0 0` (unbounded, RFC 3264 section 5).
public struct SDPTiming: Hashable, Sendable, CustomStringConvertible {
    /// Start time in NTP seconds, 0 when unbounded.
    public var start: Int
    /// Stop time in NTP seconds, 0 when unbounded.
    public var stop: Int
    /// The values of the `r=` lines that follow, as written (RFC 8866 section 5.10).
    public var repeatTimes: [String]

    public init(start: Int, stop: Int, repeatTimes: [String] = []) {
        self.start = start
        self.stop = stop
        self.repeatTimes = repeatTimes
    }

    /// `t=0 0`: the session is permanent (RFC 8866 section 5.9).
    public var isUnbounded: Bool { start == 0 && stop == 0 }

    public var description: String { "\(start) \(stop)" }

    /// Parses `<start-time> <stop-time>` (RFC 8866 section 5.9).
    static func parse(_ text: SDPBytes, offset: Int) throws(SIPParseError) -> SDPTiming {
        var position = text.startIndex
        let startField = SDPText.nextField(text, from: &position)
        let stopField = SDPText.nextField(text, from: &position)
        guard let startField, let stopField, SDPText.nextField(text, from: &position) == nil,
            let start = SDPText.decimal(startField), let stop = SDPText.decimal(stopField)
        else {
            throw SIPParseError(
                .invalidBody,
                "t= '\(SDPText.string(text))' is not <start> <stop> in decimal NTP seconds (RFC 8866 section 5.9)",
                offset: offset
            )
        }
        return SDPTiming(start: start, stop: stop)
    }
}
