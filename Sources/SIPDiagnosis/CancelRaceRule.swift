public import SIPAnalysis
import SIPCapture

/// A CANCEL that crossed the 2xx of the INVITE it cancels. CANCEL has no effect on an INVITE
/// that already got a final response (RFC 3261 section 9.2), so the callee's 2xx stands and the
/// call is up: the caller must ACK it (section 13.2.2.4) and, as it wanted to hang up, end it
/// with a BYE (section 15: "a UAC ... SHOULD send a BYE ... for a 2xx response to an INVITE that
/// it had CANCELled", section 9.1).
///
/// Code `dialog.cancel-race`: info when the caller sent the ACK and the BYE; warning when it
/// ACKed but sent no BYE (the callee's side of the call stays up); error when it did not ACK
/// (the callee retransmits the 2xx and tears the call down after 32 s, section 13.3.1.4).
public struct CancelRaceRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        call.transactions.compactMap { invite in
            guard invite.method == "INVITE", let cancelIndex = invite.cancelledBy,
                call.transactions.indices.contains(cancelIndex), let success = invite.successResponse
            else { return nil }
            let cancel = call.transactions[cancelIndex]
            let ack = call.transactions.first { $0.method == "ACK" && $0.cseq == invite.cseq }
            let bye = call.transactions.first { bye in
                guard bye.method == "BYE", let time = bye.requestTime, success.time < time else { return false }
                if let fromTag = invite.fromTag, let byeTag = bye.fromTag { return fromTag == byeTag }
                return bye.client == invite.client
            }
            var evidence: [FindingEvidence] = []
            if let request = call.requestEvidence(invite) { evidence.append(request) }
            if let request = call.requestEvidence(cancel) { evidence.append(request) }
            let order: String? = cancel.requestTime.map { cancelTime in
                cancelTime <= success.time
                    ? Self.duration(cancelTime.milliseconds(to: success.time)) + " after the CANCEL"
                    : Self.duration(success.time.milliseconds(to: cancelTime)) + " before the CANCEL"
            }
            evidence.append(call.responseEvidence(success, of: invite, detail: order))
            if let ack, let request = call.requestEvidence(ack) { evidence.append(request) }
            if let bye, let request = call.requestEvidence(bye) { evidence.append(request) }
            let label =
                success.reasonPhrase.isEmpty ? "\(success.statusCode)" : "\(success.statusCode) \(success.reasonPhrase)"
            let severity: FindingSeverity
            let summary: String
            let explanation: String
            switch (ack != nil, bye != nil) {
            case (true, true):
                severity = .info
                summary =
                    "The caller's CANCEL crossed the \(label) to the INVITE; the caller ACKed it and hung up "
                    + "with BYE"
                explanation =
                    "The caller cancelled the call while \(invite.server) was answering it, so the "
                    + "\(label) and the CANCEL crossed. A CANCEL cannot undo an answered INVITE (RFC 3261 section "
                    + "9.2): the call was up for a moment. The caller did what RFC 3261 section 15 asks, ACK then "
                    + "BYE, so nothing is left hanging; the callee's phone may have rung and picked up briefly."
            case (true, false):
                severity = .warning
                summary = "The caller's CANCEL crossed the \(label) to the INVITE; the caller ACKed but sent no BYE"
                explanation =
                    "The caller cancelled the call while \(invite.server) was answering it, so the "
                    + "\(label) and the CANCEL crossed. A CANCEL cannot undo an answered INVITE (RFC 3261 section "
                    + "9.2), so the call is up; the caller ACKed the \(label) but never ended the call with a BYE "
                    + "(RFC 3261 section 15), so the callee's side stays connected (and billed) until a timer "
                    + "ends it."
            default:
                severity = .error
                summary = "The caller's CANCEL crossed the \(label) to the INVITE, which was never ACKed"
                explanation =
                    "The caller cancelled the call while \(invite.server) was answering it, so the "
                    + "\(label) and the CANCEL crossed. A CANCEL cannot undo an answered INVITE (RFC 3261 section "
                    + "9.2): the caller must ACK the \(label) and then send a BYE (section 15). "
                    + (bye != nil ? "It sent the BYE without the ACK" : "It sent neither")
                    + ", so the callee keeps retransmitting the \(label) and holds the call open until it gives "
                    + "up after 32 s (section 13.3.1.4)."
            }
            return Finding(
                code: "dialog.cancel-race",
                severity: severity,
                summary: summary,
                explanation: explanation,
                evidence: evidence,
                fix: severity == .info
                    ? nil
                    : "Fix the caller's handling of a 2xx after CANCEL: it must ACK every 2xx and then send a BYE "
                        + "(RFC 3261 sections 9.1 and 15); update the device or report it to its vendor.",
                callID: call.callID
            )
        }
    }

    /// "0.2 ms", "180 ms", "2.5 s": crossings are usually a matter of milliseconds.
    static func duration(_ milliseconds: Double) -> String {
        if milliseconds >= 1000 { return PostDialDelayRule.seconds(milliseconds) + " s" }
        if milliseconds >= 10, let whole = Int(exactly: milliseconds.rounded()) { return "\(whole) ms" }
        guard let tenths = Int(exactly: (milliseconds * 10).rounded()) else { return "\(milliseconds) ms" }
        return "\(tenths / 10).\(tenths % 10) ms"
    }
}
