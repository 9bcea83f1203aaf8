/// Timing figures of one call or registration, in milliseconds, measured at the capture point
/// (a capture taken at the caller and one at the callee give different figures for the same
/// call). `nil` when the call did not get that far or the capture lacks a message.
///
/// Names follow RFC 6076 where it defines the metric.
public struct CallMetrics: Hashable, Sendable {
    /// `trying`: the first INVITE to the 100 Trying that answers it (RFC 3261 section 17.2.1).
    public var tryingMs: Double?
    /// `pdd`, RFC 6076 section 4.3.1 successful session setup SRD: the first INVITE to the first
    /// provisional response other than 100, or to the 2xx when there is none.
    public var pddMs: Double?
    /// `answer`: the first INVITE to the first 2xx.
    public var answerMs: Double?
    /// `ring`: the first 18x to the 2xx (how long the callee rang).
    public var ringMs: Double?
    /// RFC 6076 section 4.3.2 failed session setup SRD: the first INVITE to the final failure
    /// response that ended the call.
    public var failedSetupMs: Double?
    /// `sdd`, RFC 6076 section 4.5 session disconnect delay: the first BYE to its 2xx.
    public var sddMs: Double?
    /// `duration`, RFC 6076 section 4.6 session duration: the 2xx to the first BYE.
    public var durationMs: Double?
    /// `rrd`, RFC 6076 section 4.1 registration request delay: the first REGISTER to its 2xx,
    /// authentication challenges included.
    public var rrdMs: Double?

    public init(
        tryingMs: Double? = nil,
        pddMs: Double? = nil,
        answerMs: Double? = nil,
        ringMs: Double? = nil,
        failedSetupMs: Double? = nil,
        sddMs: Double? = nil,
        durationMs: Double? = nil,
        rrdMs: Double? = nil
    ) {
        self.tryingMs = tryingMs
        self.pddMs = pddMs
        self.answerMs = answerMs
        self.ringMs = ringMs
        self.failedSetupMs = failedSetupMs
        self.sddMs = sddMs
        self.durationMs = durationMs
        self.rrdMs = rrdMs
    }

    /// The definitions, worded for `--help` and the documentation, in output order.
    public static let definitions: [(name: String, definition: String)] = [
        ("trying", "first INVITE -> the 100 Trying that answers it"),
        (
            "pdd",
            "post-dial delay, RFC 6076 4.3 successful setup SRD: first INVITE -> first non-100 provisional (or -> 2xx if none)"
        ),
        ("answer", "first INVITE -> 2xx"),
        ("ring", "first 18x -> 2xx"),
        ("failed-setup", "RFC 6076 4.3 failed setup SRD: first INVITE -> the final failure response"),
        ("sdd", "RFC 6076 4.5 session disconnect delay: BYE -> its 2xx"),
        ("duration", "RFC 6076 4.6 session duration: 2xx -> BYE"),
        ("rrd", "RFC 6076 4.1 registration request delay: first REGISTER -> its 2xx, challenges included"),
    ]
}
