public import SIPAnalysis
import SIPCapture

/// A request or response sent again and again. Over UDP a request is retransmitted while no
/// response arrives (Timer A / E, RFC 3261 sections 17.1.1.2 and 17.1.2.2) and a 2xx to INVITE
/// until its ACK arrives (section 13.3.1.4); over TCP there should be none at all. A few are
/// normal on a lossy path; many of one message mean loss, a wrong address, or an overloaded peer.
///
/// Code `transport.retransmissions`, severity warning, one finding per message retransmitted at
/// least ``DiagnosisOptions/retransmissionWarningCount`` times. Requests that never got a
/// response are left to ``TimeoutRule``, and a 2xx to INVITE that was never ACKed to
/// ``NoACKRule``, ``ACKTimeoutRule`` and ``CancelRaceRule``, which say why it was repeated.
public struct RetransmissionRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        let threshold = max(1, options.retransmissionWarningCount)
        var findings: [Finding] = []
        for transaction in call.transactions where !transaction.responses.isEmpty {
            if transaction.requestRetransmissions >= threshold,
                let request = call.requestEvidence(
                    transaction,
                    detail: SIPCall.copiesText(retransmissions: transaction.requestRetransmissions)
                )
            {
                findings.append(
                    Finding(
                        code: "transport.retransmissions",
                        severity: .warning,
                        summary: "\(transaction.method) to \(transaction.server) was retransmitted "
                            + "\(transaction.requestRetransmissions) times",
                        explanation: "The sender repeats a request when no response reaches it in time (every "
                            + "T1 = 500 ms, doubling, RFC 3261 section 17.1.1.2). Here the response came late or "
                            + "got lost: packet loss on the path, a far end that is overloaded and slow to send "
                            + "100 Trying, or responses sent to a different address than the sender listens on "
                            + "(a Via without rport behind NAT, RFC 3581).",
                        evidence: [request],
                        fix: "Compare the times of the copies with the first response; check for packet loss "
                            + "and for the far end's load, and that responses return to the source address "
                            + "and port (rport, RFC 3581).",
                        callID: call.callID
                    )
                )
            }
            let acked = call.transactions.contains { $0.method == "ACK" && $0.cseq == transaction.cseq }
            for response in transaction.responses where response.retransmissions >= threshold {
                if transaction.method == "INVITE", response.isSuccess, !acked { continue }
                let copies = SIPCall.copiesText(retransmissions: response.retransmissions)
                findings.append(
                    Finding(
                        code: "transport.retransmissions",
                        severity: .warning,
                        summary: "\(response.statusCode) to \(transaction.method) was retransmitted "
                            + "\(response.retransmissions) times",
                        explanation: "A final response to INVITE is repeated until the ACK arrives (RFC 3261 "
                            + "sections 13.3.1.4 and 17.2.1): the ACK was slow or lost, often because it is sent "
                            + "to the response's Contact, which the caller cannot reach (NAT, missing "
                            + "Record-Route).",
                        evidence: [call.responseEvidence(response, of: transaction, detail: copies)],
                        fix: "Check where the ACK goes (the Contact of the response, through its Record-Route) "
                            + "and that it arrives; check the path for packet loss.",
                        callID: call.callID
                    )
                )
            }
        }
        return findings
    }
}
