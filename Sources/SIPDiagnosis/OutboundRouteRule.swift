public import SIPAnalysis
import SIPCapture

/// Checks every dialog-creating request the platform sent against the account's outbound
/// routes (host or address, port, transport: RFC 3261 section 19.1.2 defaults, RFC 3263
/// section 4.1 transport choice), and how the route answered.
///
/// Codes: `route.destination-not-listed`, `route.port-mismatch`, `route.transport-mismatch`,
/// `route.no-answer` (retransmitted until Timer B), `route.unreachable` (ICMP error),
/// `route.refused` (403: the carrier does not know the platform), `route.unavailable` (503).
public struct OutboundRouteRule: AccountRule {
    public init() {}

    public func check(_ call: SIPCall, context: AccountContext) -> [Finding] {
        guard context.config.routes != nil else { return [] }
        var findings: [Finding] = []
        for transaction in call.dialogCreatingRequests
        where call.direction(of: transaction, context: context) == .outbound {
            var evidence: [FindingEvidence] = []
            if let item = call.requestEvidence(transaction) { evidence.append(item) }
            let transport = context.transport(of: transaction)
            let server = transaction.server
            let matching = context.routes.filter { $0.points(to: server.address) }
            let exact = matching.first { route in
                route.target.effectivePort == Int(server.port)
                    && transport.map { $0 == route.target.effectiveTransport } ?? true
            }
            guard let route = exact ?? matching.first else {
                findings.append(notListed(transaction, routes: context.routes, evidence: evidence, call: call))
                continue
            }
            evidence.append(FindingEvidence(text: route.evidenceText))
            if exact == nil {
                findings += mismatches(transaction, route: route, transport: transport, evidence: evidence, call: call)
            }
            if let answer = answerFinding(transaction, route: route, evidence: evidence, call: call) {
                findings.append(answer)
            }
        }
        return findings
    }

    private func notListed(
        _ transaction: SIPTransaction,
        routes: [ResolvedRoute],
        evidence: [FindingEvidence],
        call: SIPCall
    ) -> Finding {
        let unresolved = routes.filter { $0.resolutionProblem != nil }
        var explanation =
            "The platform sent this \(transaction.method) to \(transaction.server), and none of the account's "
            + "outbound routes points there"
            + (routes.isEmpty ? " (the account has no outbound routes)." : ".")
            + " Calls may also leave through a registration or a per-number forwarding target, which is fine; "
            + "otherwise the routes are out of date, or a DNS name now resolves elsewhere."
        if !unresolved.isEmpty {
            explanation +=
                " Some routes could not be resolved here, so they may point there after all: "
                + WhitelistRule.list(unresolved.map(\.evidenceText)) + "."
        }
        return Finding(
            code: "route.destination-not-listed",
            severity: .warning,
            summary: "\(transaction.method) went to \(transaction.server), where no outbound route points",
            explanation: explanation,
            evidence: evidence + routes.map { FindingEvidence(text: $0.evidenceText) },
            fix: "If \(transaction.server) is the right destination, add it as a route: "
                + "`sipdiag routes add \(transaction.server)`; otherwise check where the call was sent from.",
            callID: call.callID
        )
    }

    private func mismatches(
        _ transaction: SIPTransaction,
        route: ResolvedRoute,
        transport: SIPTransport?,
        evidence: [FindingEvidence],
        call: SIPCall
    ) -> [Finding] {
        var findings: [Finding] = []
        let target = route.target
        if let transport, transport != target.effectiveTransport {
            let written = target.transportName == nil ? " (no transport given, so UDP)" : ""
            findings.append(
                Finding(
                    code: "route.transport-mismatch",
                    severity: .error,
                    summary: "\(transaction.method) went over \(transport.rawValue.uppercased()) but the route says "
                        + "\(target.effectiveTransport.rawValue.uppercased())",
                    explanation: "The route \(target.text)\(written) tells the platform which transport the carrier "
                        + "expects, but the capture shows \(transport.rawValue.uppercased()). A carrier that listens "
                        + "only on TLS 5061 does not answer UDP, and one that expects UDP drops TCP connections: the "
                        + "call times out or is refused.",
                    evidence: evidence,
                    fix: "Set the transport the carrier documents on the route (`;transport=udp|tcp|tls`) with "
                        + "`sipdiag routes remove \(target.text)` and `sipdiag routes add <host:port;transport=...>`.",
                    callID: call.callID
                )
            )
        }
        if target.effectivePort != Int(transaction.server.port) {
            findings.append(
                Finding(
                    code: "route.port-mismatch",
                    severity: .warning,
                    summary: "\(transaction.method) went to port \(transaction.server.port), the route says "
                        + "\(target.effectivePort)",
                    explanation: "The route \(target.text) points at this address but port \(target.effectivePort)"
                        + (target.port == nil ? " (the default for its transport)" : "")
                        + ". A call to another port reaches another service or nothing at all.",
                    evidence: evidence,
                    fix: "Write the carrier's port in the route, or find what sent the call to port "
                        + "\(transaction.server.port).",
                    callID: call.callID
                )
            )
        }
        return findings
    }

    private func answerFinding(
        _ transaction: SIPTransaction,
        route: ResolvedRoute,
        evidence: [FindingEvidence],
        call: SIPCall
    ) -> Finding? {
        let title = "The route \(route.target.text)"
        if let icmp = transaction.icmpErrors.first {
            return Finding(
                code: "route.unreachable",
                severity: .error,
                summary: "\(title) is unreachable: ICMP \(TimeoutRule.describe(icmp)) from \(icmp.reporter)",
                explanation: "The \(transaction.method) to \(transaction.server) was answered by an ICMP error, not by "
                    + "SIP: nothing listens there on this transport, or a firewall rejects the packets.",
                evidence: evidence
                    + transaction.icmpErrors.map {
                        FindingEvidence(time: $0.time, text: "ICMP \(TimeoutRule.describe($0)) from \($0.reporter)")
                    },
                fix: "Check the route's address, port and transport with the carrier, and probe it: "
                    + "`sipdiag check --probe`.",
                callID: call.callID
            )
        }
        guard let final = call.finalResponse(following: transaction) else {
            guard transaction.responses.isEmpty else { return nil }
            let copies = SIPCall.copiesText(retransmissions: transaction.requestRetransmissions)
            return Finding(
                code: "route.no-answer",
                severity: .error,
                summary: "\(title) never answered the \(transaction.method) (\(copies))",
                explanation: "Nothing came back from \(transaction.server), not even 100 Trying. The carrier most "
                    + "often drops SIP from addresses it has not been told about: the platform's address must be "
                    + "on the carrier's access list. A wrong port or transport, or a firewall, look the same.",
                evidence: evidence,
                fix: "Ask the carrier to allow the platform's signalling addresses, and probe the route: "
                    + "`sipdiag check --probe`.",
                callID: call.callID
            )
        }
        switch final.statusCode {
        case 403:
            return Finding(
                code: "route.refused",
                severity: .error,
                summary: "\(title) refused the call with 403",
                explanation: "The carrier at \(transaction.server) answered 403 Forbidden: it does not accept calls "
                    + "from the platform's address, or not for this caller ID or destination.",
                evidence: evidence + [call.responseEvidence(final, of: transaction)],
                fix: "Ask the carrier to allow the platform's addresses (\(transaction.client.address)) and the "
                    + "caller ID sent in From / P-Asserted-Identity.",
                callID: call.callID
            )
        case 503:
            return Finding(
                code: "route.unavailable",
                severity: .error,
                summary: "\(title) answered 503 Service Unavailable",
                explanation: "The carrier at \(transaction.server) is overloaded, in maintenance, or has no capacity "
                    + "left on the trunk (channel limit).",
                evidence: evidence + [call.responseEvidence(final, of: transaction)],
                fix: "Check the trunk's channel limit and the carrier's status; add a second route for failover.",
                callID: call.callID
            )
        default:
            return nil
        }
    }
}
