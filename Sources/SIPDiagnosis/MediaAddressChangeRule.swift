public import SIPAnalysis
import SIPCapture
import SIPMessage

/// The callee's media address changing within the initial INVITE: a 183 with SDP (early media)
/// names one address and port, a later 18x or the 200 OK of the same dialog (same To tag)
/// another. An SDP in an unreliable provisional response is only a preview of the answer, and
/// the answer in the 2xx is the one that counts (RFC 3261 section 13.2.1, RFC 6337 section
/// 3.1.1), so the switch is allowed: an announcement server or a gateway plays the early media,
/// the phone takes the call. But it is where NAT and SBC setups break: the caller (or its SBC)
/// keeps sending to, or latching on, the first address, which gives one-way or no audio once the
/// call is answered.
///
/// Code `media.address-changed`, severity info, one finding per dialog. Read from the kept
/// message bytes (``SIPAnalysis/MessageRetention/full``): without them the rule finds nothing.
public struct MediaAddressChangeRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        guard call.kind == .call else { return [] }
        var findings: [Finding] = []
        for (index, invite) in call.transactions.enumerated() where invite.method == "INVITE" && invite.isOutOfDialog {
            // Per To tag: forks of one INVITE are different dialogs with different media, as expected.
            var firstByTag: [(tag: String?, position: Int, endpoint: String)] = []
            var reported: [String?] = []
            for (position, message) in call.messages.enumerated()
            where message.transaction == index && !message.isRetransmission && message.hasSDP {
                guard let status = message.statusCode, status < 300,
                    let session = call.parsedMessage(at: position)?.parsedBody().body.sdp,
                    let endpoint = MediaDescription(session)?.endpoint
                else { continue }
                guard let first = firstByTag.first(where: { $0.tag == message.toTag }) else {
                    firstByTag.append((message.toTag, position, endpoint))
                    continue
                }
                guard first.endpoint != endpoint, !reported.contains(message.toTag) else { continue }
                reported.append(message.toTag)
                if let finding = finding(call, invite: invite, from: first, to: (position, endpoint)) {
                    findings.append(finding)
                }
            }
        }
        return findings
    }

    private func finding(
        _ call: SIPCall,
        invite: SIPTransaction,
        from first: (tag: String?, position: Int, endpoint: String),
        to later: (position: Int, endpoint: String)
    ) -> Finding? {
        guard call.messages.indices.contains(first.position), call.messages.indices.contains(later.position),
            let before = call.messageEvidence(at: first.position, detail: "media \(first.endpoint)"),
            let after = call.messageEvidence(at: later.position, detail: "media \(later.endpoint)")
        else { return nil }
        let firstLabel = call.messages[first.position].label
        let laterLabel = call.messages[later.position].label
        return Finding(
            code: "media.address-changed",
            severity: .info,
            summary: "The callee's media moved from \(first.endpoint) (\(firstLabel)) to \(later.endpoint) "
                + "(\(laterLabel))",
            explanation: "The \(firstLabel) set up early media at \(first.endpoint), and the \(laterLabel) of "
                + "the same dialog asks for media at \(later.endpoint). That is allowed, since only the SDP of the "
                + "final answer counts (RFC 3261 section 13.2.1, RFC 6337 section 3.1.1), and common when an "
                + "announcement server or gateway plays the ringing and the phone then takes the call. It is "
                + "also where NAT and SBC setups give one-way or no audio after the answer: a media proxy or the "
                + "caller that latched on the first address and keeps sending there.",
            evidence: [before, after],
            fix: "If the audio fails after the answer, check that the caller (or its SBC) switches to the "
                + "address of the \(laterLabel) and that RTP from \(later.endpoint) reaches it; otherwise nothing "
                + "to do.",
            callID: call.callID
        )
    }
}
