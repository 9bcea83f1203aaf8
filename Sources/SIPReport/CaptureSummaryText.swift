public import SIPAnalysis

/// What a whole capture holds, for a person: counts, outcomes, the RFC 6076 ratios and the
/// setup-time distribution.
public enum CaptureSummaryText {
    public static func render(_ analysis: CaptureAnalysis, name: String) -> String {
        let statistics = analysis.statistics
        var text = "\(name): \(statistics.messages) SIP messages"
        if statistics.unparsed > 0 { text += " (\(statistics.unparsed) not placed in a call)" }
        text += ", " + statistics.callsByKind.map { "\($0.count) \(plural($0.name, $0.count))" }.joined(separator: ", ")
        text += "\n"
        if !statistics.callsByState.isEmpty {
            text +=
                "Outcomes: " + statistics.callsByState.map { "\($0.name) \($0.count)" }.joined(separator: ", ") + "\n"
        }
        if !statistics.requestsByMethod.isEmpty {
            text += "Requests: " + statistics.requestsByMethod.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
            text +=
                "; responses: " + statistics.responsesByClass.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
            text += "\n"
        }
        let ratios: [(String, Double?)] = [
            ("ASR", statistics.asr), ("SER", statistics.ser), ("SEER/NER", statistics.seer), ("ISA", statistics.isa),
            ("SCR", statistics.scr),
        ]
        let known = ratios.compactMap { name, value in
            value.map { "\(name) \(JSONValue.format(($0 * 10).rounded() / 10))%" }
        }
        if !known.isEmpty {
            text += "Ratios (INVITE calls with a known outcome): " + known.joined(separator: "  ") + "\n"
        }
        for (name, percentiles) in [("PDD", statistics.pdd), ("Answer", statistics.answer), ("RRD", statistics.rrd)] {
            guard let percentiles else { continue }
            text +=
                "\(name): p50 \(TimingSummary.format(percentiles.p50)), p90 \(TimingSummary.format(percentiles.p90)), "
                + "p99 \(TimingSummary.format(percentiles.p99)), max \(TimingSummary.format(percentiles.maximum)) "
                + "(\(percentiles.count) \(plural("call", percentiles.count)))\n"
        }
        return text
    }

    /// Definitions of the ratios, for help texts and documentation.
    public static let ratioDefinitions = """
          ASR       answered / calls (ITU-T E.411 answer-seizure ratio)
          SER       answered / (calls - redirected) (RFC 6076 section 4.6)
          SEER/NER  calls ending 200, 480, 486, 600 or 603 / (calls - redirected)
                    (RFC 6076 section 4.7; the network did its part)
          ISA       calls ending 408, 500, 503, 504 or unanswered / calls (RFC 6076 4.8)
          SCR       answered calls ended by a BYE that got its 2xx / calls (RFC 6076 4.9)
        """

    static func plural(_ word: String, _ count: Int) -> String {
        guard count != 1 else { return word }
        switch word {
        case "registration", "call": return word + "s"
        case "other": return "other exchanges"
        default: return word + "s"
        }
    }
}
