public import SIPAnalysis
import SIPCapture

/// A call the callee tore down because the ACK of its 2xx never came: the 2xx retransmitted
/// again and again (Timer G, T1 doubling up to T2, RFC 3261 sections 13.3.1.4 and 17.2.1), no
/// ACK, then a BYE from the callee once 64*T1 = 32 s have passed (section 13.3.1.4: "If the
/// server retransmits the 2xx response for 64*T1 seconds without receiving an ACK, the dialog is
/// confirmed, but the session SHOULD be terminated. This is accomplished with a BYE").
///
/// Code `dialog.2xx-retransmitted`, severity error. It is the whole pattern behind the calls that
/// "drop after 30 seconds"; ``NoACKRule`` leaves such calls to it and keeps the missing ACK
/// without the teardown (the capture ended, or the callee kept the call).
public struct ACKTimeoutRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        call.transactions.compactMap { invite in
            guard invite.method == "INVITE", let (success, bye) = Self.teardown(of: invite, in: call, options: options)
            else { return nil }
            let copies = SIPCall.copiesText(retransmissions: success.retransmissions)
            let after = PostDialDelayRule.seconds(success.time.milliseconds(to: bye.requestTime ?? success.time)) + " s"
            var evidence: [FindingEvidence] = []
            if let request = call.requestEvidence(invite) { evidence.append(request) }
            evidence.append(call.responseEvidence(success, of: invite, detail: copies + ", never ACKed"))
            if let byeEvidence = call.requestEvidence(bye, detail: "\(after) after the \(success.statusCode)") {
                evidence.append(byeEvidence)
            }
            let kind = invite.isOutOfDialog ? "INVITE" : "re-INVITE"
            let label =
                success.reasonPhrase.isEmpty ? "\(success.statusCode)" : "\(success.statusCode) \(success.reasonPhrase)"
            return Finding(
                code: "dialog.2xx-retransmitted",
                severity: .error,
                summary: "\(invite.server) hung up \(after) after its \(label) to the \(kind): "
                    + "no ACK came (\(copies))",
                explanation: "\(invite.server) answered, then repeated its \(success.statusCode) OK because no "
                    + "ACK reached it, and after about 32 s (64*T1) gave up and ended the call with a BYE, as "
                    + "RFC 3261 section 13.3.1.4 says. The caller may have sent the ACK, but it went elsewhere: "
                    + "the ACK goes to the Contact of the 200 OK through the proxies of its Record-Route (section "
                    + "13.2.2.4), so a private Contact behind NAT, a proxy that did not Record-Route, or a "
                    + "firewall that drops the ACK give exactly this: calls that drop after about 30 seconds.",
                evidence: evidence,
                fix: "Check the Contact and Record-Route of the \(success.statusCode) OK: the Contact must be "
                    + "an address the caller can reach (the public one behind NAT: external IP / NAT settings on "
                    + "the PBX or SBC), every proxy on the path must Record-Route, and the firewall must let the "
                    + "ACK through. Capture on the caller's side too to see where its ACK went.",
                callID: call.callID
            )
        }
    }

    /// The first 2xx of `invite` and the callee's BYE, when the 2xx was retransmitted at least
    /// ``DiagnosisOptions/retransmissionWarningCount`` times, never ACKed, and followed by a BYE
    /// from the side that sent it.
    static func teardown(
        of invite: SIPTransaction,
        in call: SIPCall,
        options: DiagnosisOptions
    ) -> (SIPTransactionResponse, SIPTransaction)? {
        guard let success = invite.successResponse,
            success.retransmissions >= max(1, options.retransmissionWarningCount),
            !call.transactions.contains(where: { $0.method == "ACK" && $0.cseq == invite.cseq })
        else { return nil }
        let bye = call.transactions.first { bye in
            guard bye.method == "BYE", let time = bye.requestTime, success.time < time else { return false }
            // The callee's BYE carries its To tag as From tag (RFC 3261 section 12.2.1.1).
            if let tag = success.toTag, let fromTag = bye.fromTag { return tag == fromTag }
            return bye.client == invite.server
        }
        return bye.map { (success, $0) }
    }
}
