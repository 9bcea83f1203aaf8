public import SIPAnalysis
import SIPCapture

/// A long post-dial delay: from the INVITE to the first ringing (or answer), RFC 6076 section
/// 4.3.1 (``CallMetrics/pddMs``), above ``DiagnosisOptions/pddWarningMs``.
///
/// Code `timing.post-dial-delay`, severity warning.
public struct PostDialDelayRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        guard call.kind == .call, let pdd = call.metrics.pddMs, pdd > options.pddWarningMs,
            let invite = call.initialInvites.first(where: { $0.requestTime != nil })
        else { return [] }
        var evidence: [FindingEvidence] = []
        if let request = call.requestEvidence(invite) { evidence.append(request) }
        // The metric counts from the first INVITE to the first ringing of any attempt; point at the
        // first ringing (or answer) that any of the call's INVITEs got.
        let ringing = call.initialInvites.lazy.compactMap { attempt in
            (attempt.firstRingingResponse ?? attempt.successResponse).map { (attempt, $0) }
        }.first
        if let (attempt, response) = ringing {
            evidence.append(call.responseEvidence(response, of: attempt))
        }
        let seconds = Self.seconds(pdd)
        return [
            Finding(
                code: "timing.post-dial-delay",
                severity: .warning,
                summary: "Post-dial delay of \(seconds) s (above \(Self.seconds(options.pddWarningMs)) s)",
                explanation: "The caller heard nothing for \(seconds) s after dialling (INVITE to the first "
                    + "180/183, or to the answer; RFC 6076 section 4.3.1). Callers hang up on long silences. At a "
                    + "carrier edge it is usually slow routing (DNS lookups that time out, failover to a second "
                    + "route after a first one did not answer), an authentication round trip, or a far end "
                    + "that only sends 180 late.",
                evidence: evidence,
                fix: "Look at what happened before the first ringing: retransmissions (a first route that does "
                    + "not answer), a 401/407 round trip, or a slow DNS resolution on the sending side; make "
                    + "the far end send 180/183 early.",
                callID: call.callID
            )
        ]
    }

    /// Milliseconds as seconds with one decimal, e.g. "7.5".
    static func seconds(_ milliseconds: Double) -> String {
        // Times come from the capture: a conversion that cannot hold the value must not trap.
        guard let tenths = Int(exactly: (milliseconds / 100).rounded()) else { return "\(milliseconds / 1000)" }
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
