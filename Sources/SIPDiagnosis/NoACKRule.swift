public import SIPAnalysis
import SIPCapture

/// A 2xx to an INVITE with no ACK in the capture. The ACK of a 2xx is a transaction of its own
/// (RFC 3261 section 17.1.1.3) sent to the Contact of the 2xx, through the proxies of its
/// Record-Route (section 13.2.2.4); until it arrives the callee retransmits the 2xx, and gives
/// up and ends the call after 64*T1 = 32 s (section 13.3.1.4).
///
/// Code `dialog.no-ack`, severity error. A 2xx that is the call's last message and was never
/// retransmitted is left alone: the capture may just have stopped. Two patterns that include a
/// missing ACK have their own rule, which explains the whole of them: the callee's BYE after the
/// retransmissions (``ACKTimeoutRule``, `dialog.2xx-retransmitted`) and a 2xx that crossed a
/// CANCEL (``CancelRaceRule``, `dialog.cancel-race`).
public struct NoACKRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        var findings: [Finding] = []
        for invite in call.transactions where invite.method == "INVITE" {
            guard let success = invite.successResponse else { continue }
            let acked = call.transactions.contains { $0.method == "ACK" && $0.cseq == invite.cseq }
            if acked || invite.cancelledBy != nil { continue }
            if ACKTimeoutRule.teardown(of: invite, in: call, options: options) != nil { continue }
            let capturedOn = success.time < call.endTime
            if success.retransmissions == 0, !capturedOn { continue }
            var evidence: [FindingEvidence] = []
            if let request = call.requestEvidence(invite) { evidence.append(request) }
            let copies = SIPCall.copiesText(retransmissions: success.retransmissions)
            evidence.append(call.responseEvidence(success, of: invite, detail: copies + ", never ACKed"))
            let kind = invite.isOutOfDialog ? "INVITE" : "re-INVITE"
            findings.append(
                Finding(
                    code: "dialog.no-ack",
                    severity: .error,
                    summary: "No ACK for the \(success.statusCode) OK to the \(kind) (\(copies))",
                    explanation: "\(invite.server) answered the \(kind), but no ACK came back to it. The ACK "
                        + "goes to the address in the 200 OK's Contact header, through the proxies in its "
                        + "Record-Route (RFC 3261 section 13.2.2.4), not necessarily where the INVITE came from. "
                        + "When that Contact is a private address behind NAT, or a proxy did not Record-Route, "
                        + "the ACK goes astray; the answering side then retransmits the 200 OK and drops the "
                        + "call after 32 s (RFC 3261 section 13.3.1.4). Calls that drop after about 30 seconds "
                        + "are the typical symptom.",
                    evidence: evidence,
                    fix: "Check the Contact and Record-Route of the 200 OK: the Contact must be an address the "
                        + "caller can reach (the public address when behind NAT: enable the SBC's or PBX's NAT "
                        + "settings, external IP / rport), and the firewall must let the ACK through to it.",
                    callID: call.callID
                )
            )
        }
        return findings
    }
}
