public import SIPAnalysis

/// The timing figures of a call as rows every report shows alike: name, value, definition.
/// Only figures the call has are listed (a busy call has no duration).
public struct TimingSummary: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        /// `pdd`, `answer`, ... as in ``CallMetrics/definitions``.
        public var name: String
        public var milliseconds: Double
        public var definition: String

        /// `120.5 ms` below ten seconds, `12.345 s` above.
        public var formatted: String { TimingSummary.format(milliseconds) }
    }

    public var rows: [Row]

    public init(_ metrics: CallMetrics) {
        let values: [String: Double?] = [
            "trying": metrics.tryingMs, "pdd": metrics.pddMs, "answer": metrics.answerMs, "ring": metrics.ringMs,
            "failed-setup": metrics.failedSetupMs, "sdd": metrics.sddMs, "duration": metrics.durationMs,
            "rrd": metrics.rrdMs,
        ]
        rows = CallMetrics.definitions.compactMap { name, definition in
            guard let value = values[name] ?? nil else { return nil }
            return Row(name: name, milliseconds: value, definition: definition)
        }
    }

    /// Milliseconds for people: `0.188 ms`, `120.5 ms`, `12.345 s`, `1 h 2 min 3.000 s`.
    public static func format(_ milliseconds: Double) -> String {
        if abs(milliseconds) < 10_000 { return JSONValue.format(milliseconds) + " ms" }
        let seconds = milliseconds / 1000
        if abs(seconds) < 3600 {
            let minutes = Int(seconds / 60)
            let rest = JSONValue.format(seconds - Double(minutes * 60))
            return minutes == 0 ? rest + " s" : "\(minutes) min \(rest) s"
        }
        let hours = Int(seconds / 3600)
        let minutes = Int((seconds - Double(hours * 3600)) / 60)
        return "\(hours) h \(minutes) min " + JSONValue.format(seconds - Double(hours * 3600 + minutes * 60)) + " s"
    }
}
