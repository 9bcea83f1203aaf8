public import SIPAnalysis
import SIPCapture

/// Retransmissions spread over many transactions of a call: a few copies of each request or
/// response, none enough for ``RetransmissionRule`` on its own, but together a path that loses
/// or delays packets all the time (or a peer too slow to answer within T1 = 500 ms, RFC 3261
/// sections 17.1.1.2 and 17.1.2.2), rather than one lost packet.
///
/// Code `transport.retransmission-storm`, severity warning: at least
/// ``minimumTransactions`` transactions retransmitted, with at least twice
/// ``DiagnosisOptions/retransmissionWarningCount`` retransmissions in all. The copies of a 2xx
/// that was never ACKed are left out (the ACK rules explain them).
public struct RetransmissionStormRule: DiagnosisRule {
    public init() {}

    /// How many transactions must have been retransmitted.
    public static let minimumTransactions = 3

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        var retransmitted: [(transaction: SIPTransaction, copies: Int)] = []
        for transaction in call.transactions {
            let acked = call.transactions.contains { $0.method == "ACK" && $0.cseq == transaction.cseq }
            let responses = transaction.responses.reduce(0) { total, response in
                transaction.method == "INVITE" && response.isSuccess && !acked
                    ? total : total + response.retransmissions
            }
            let copies = transaction.requestRetransmissions + transaction.ackRetransmissions + responses
            if copies > 0 { retransmitted.append((transaction, copies)) }
        }
        let total = retransmitted.reduce(0) { $0 + $1.copies }
        guard retransmitted.count >= Self.minimumTransactions,
            total >= 2 * max(1, options.retransmissionWarningCount)
        else { return [] }
        let evidence = retransmitted.compactMap { entry in
            call.requestEvidence(
                entry.transaction,
                detail: "\(entry.copies) retransmission\(entry.copies == 1 ? "" : "s") in the transaction"
            )
        }
        let count = call.transactions.count
        return [
            Finding(
                code: "transport.retransmission-storm",
                severity: .warning,
                summary: "Retransmissions in \(retransmitted.count) of the call's \(count) transactions "
                    + "(\(total) in all)",
                explanation: "Over UDP a request is sent again when its response does not come within T1 = "
                    + "500 ms, and again at doubling intervals (RFC 3261 sections 17.1.1.2 and 17.1.2.2). One "
                    + "lost packet gives one retransmission; here \(retransmitted.count) different transactions "
                    + "needed them, \(total) copies in all. That is no accident but the path or the peer: steady "
                    + "packet loss (a congested or bad link, a firewall rate-limiting UDP), or a peer that "
                    + "answers every request later than 500 ms (overloaded, or waiting on a database or DNS).",
                evidence: evidence,
                fix: "Compare when each request was sent and when its response came: responses that come late "
                    + "but come point at the peer (its load); requests that arrive twice at the peer point at lost "
                    + "responses on the way back (loss, firewall, NAT). Check the link for packet loss, or "
                    + "move the trunk to TCP.",
                callID: call.callID
            )
        ]
    }
}
