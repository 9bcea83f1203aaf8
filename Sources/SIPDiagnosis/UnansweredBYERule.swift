public import SIPAnalysis
import SIPCapture

/// A BYE that got no response at all. A BYE is a non-INVITE transaction (RFC 3261 section 15.1.1,
/// section 17.1.2): it is retransmitted until Timer F (64*T1 = 32 s) and any response ends it,
/// so silence means the other side never received it or cannot reach the sender.
///
/// Code `dialog.bye-unanswered`, severity warning: the call is over for the sender, but the far
/// end may keep the call (and its billing and channel) open until its own timers end it.
public struct UnansweredBYERule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        call.transactions.compactMap { bye in
            guard bye.method == "BYE", bye.responses.isEmpty,
                let request = call.requestEvidence(
                    bye,
                    detail: SIPCall.copiesText(retransmissions: bye.requestRetransmissions)
                )
            else { return nil }
            return Finding(
                code: "dialog.bye-unanswered",
                severity: .warning,
                summary: "BYE to \(bye.server) got no response",
                explanation: "The BYE that ended the call was never answered. It goes to the other side's "
                    + "Contact through the Record-Route proxies (RFC 3261 section 12.2.1.1); when that Contact is "
                    + "a private address or a firewall's pinhole has closed during a long call, the BYE is lost "
                    + "and the far end keeps the call up (a hung channel, billing that runs on) until its "
                    + "session timer or media timeout ends it.",
                evidence: [request],
                fix: "Check that the Contact addresses of the dialog are reachable (NAT settings, Record-Route), "
                    + "that UDP pinholes are kept open during calls (keep-alives, or session timers per RFC 4028), "
                    + "and look for the call on the far end.",
                callID: call.callID
            )
        }
    }
}
