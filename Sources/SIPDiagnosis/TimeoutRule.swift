public import SIPAnalysis
import SIPCapture

/// A request that got no response at all: the client transaction timed out (Timer B for INVITE,
/// RFC 3261 section 17.1.1.2; Timer F for other requests, section 17.1.2.2, both 64*T1 = 32 s),
/// or an ICMP error came back for it (RFC 3261 section 18.4 treats it as a transport error).
///
/// Codes: `timeout.icmp-unreachable` when an ICMP error quoted the request,
/// `timeout.no-response` otherwise. Severity: error. ACKs (never answered) and BYEs (see
/// ``UnansweredBYERule``) are left out.
public struct TimeoutRule: DiagnosisRule {
    /// 64*T1 with T1 = 500 ms (RFC 3261 section 17.1.1.2): how long a client waits at most.
    static let timerBMs = 32_000.0

    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        var findings: [Finding] = []
        let initial = call.initialInvites.first
        for transaction in call.transactions
        where transaction.method != "ACK" && transaction.method != "BYE" && transaction.responses.isEmpty {
            guard let requestTime = transaction.requestTime else { continue }
            let isInitialTimeout =
                call.state == .timeout && transaction.method == "INVITE" && transaction.isOutOfDialog
                && transaction.requestIndex == initial?.requestIndex
            let waitedOut = requestTime.milliseconds(to: call.endTime) >= Self.timerBMs
            if transaction.icmpErrors.isEmpty, !isInitialTimeout, !waitedOut { continue }
            findings.append(finding(for: transaction, in: call))
        }
        return findings
    }

    private func finding(for transaction: SIPTransaction, in call: SIPCall) -> Finding {
        let copies = SIPCall.copiesText(retransmissions: transaction.requestRetransmissions)
        var evidence: [FindingEvidence] = []
        if let request = call.requestEvidence(transaction, detail: copies) { evidence.append(request) }
        let timer = transaction.method == "INVITE" ? "Timer B" : "Timer F"
        if let icmp = transaction.icmpErrors.first {
            evidence += transaction.icmpErrors.map {
                FindingEvidence(
                    time: $0.time,
                    text: "ICMP \(Self.describe($0)) from \($0.reporter) for \($0.quotedSource) -> "
                        + "\($0.quotedDestination) (record \($0.recordNumber))"
                )
            }
            return Finding(
                code: "timeout.icmp-unreachable",
                severity: .error,
                summary: "\(transaction.method) to \(transaction.server) was refused: ICMP \(Self.describe(icmp))",
                explanation: "The \(transaction.method) got no SIP response, and \(icmp.reporter) answered it with an "
                    + "ICMP error instead: nothing listens on \(transaction.server) for SIP over this transport, or "
                    + "a firewall or router on the way rejects the packets (RFC 3261 section 18.4 counts it as a "
                    + "transport failure). At a carrier edge this is usually a wrong SIP proxy address or port in "
                    + "the trunk settings, a service that is down, or a firewall that rejects instead of dropping.",
                evidence: evidence,
                fix: "Check the trunk's destination address, port and transport (UDP 5060, TCP 5060, TLS 5061) "
                    + "against the carrier's documentation, that the far service is running, and the firewalls "
                    + "between the two.",
                callID: call.callID
            )
        }
        return Finding(
            code: "timeout.no-response",
            severity: .error,
            summary: "\(transaction.method) to \(transaction.server) got no response (\(copies))",
            explanation: "The \(transaction.method) was \(copies) and nothing came back, not even a 100 Trying, "
                + "so the sender gave up after \(timer) (64*T1 = 32 s, RFC 3261 section "
                + (transaction.method == "INVITE" ? "17.1.1.2" : "17.1.2.2") + "). The packets are lost on the way "
                + "or dropped at the far end: a firewall that does not allow the sender's address (often a "
                + "missing whitelist entry at the carrier), a wrong destination address or port, or a NAT that "
                + "sends them nowhere. Retransmissions visible in the capture mean the sender itself saw no "
                + "answer; if the far end did answer, its responses never reached this capture point.",
            evidence: evidence,
            fix: "Check the route to \(transaction.server): the address and port in the trunk settings, the "
                + "firewall rules on both sides (UDP/TCP 5060 from the sender's public address), and whether "
                + "the carrier has the sender's public address on its whitelist. A capture at the far end "
                + "shows whether the requests arrive.",
            callID: call.callID
        )
    }

    /// "port unreachable", "host unreachable", or the type and code (RFC 792, RFC 4443).
    static func describe(_ icmp: ICMPUnreachable) -> String {
        switch (icmp.isIPv6, icmp.type, icmp.code) {
        case (false, 3, 3), (true, 1, 4): "port unreachable"
        case (false, 3, 1), (true, 1, 3): "host unreachable"
        case (false, 3, 0), (true, 1, 0): "network unreachable"
        case (false, 3, 13), (true, 1, 1): "administratively prohibited"
        default: "type \(icmp.type) code \(icmp.code)"
        }
    }
}
