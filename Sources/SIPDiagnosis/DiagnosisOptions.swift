/// Thresholds of the diagnosis, with the values a carrier edge usually works to.
public struct DiagnosisOptions: Sendable, Hashable {
    /// Post-dial delay above which a call gets a warning, milliseconds (RFC 6076 section 4.3
    /// defines the figure; ITU-T E.721 puts the mean for national calls around 3 s).
    public var pddWarningMs: Double

    public init(pddWarningMs: Double = 5000) {
        self.pddWarningMs = pddWarningMs
    }
}
