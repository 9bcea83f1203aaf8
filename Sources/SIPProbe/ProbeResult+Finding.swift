import SIPCapture
public import SIPDiagnosis

extension ProbeResult {
    /// The probe as a finding: `probe.answered` (info), `probe.error-response` (warning: a 4xx,
    /// 5xx or 6xx other than 405 and 501, which still prove that SIP is served there),
    /// `probe.tcp-reachable` (info, TLS routes), `probe.refused`, `probe.timeout` and
    /// `probe.failed` (errors). A route whose name does not resolve gives none: the lint's
    /// `config.route-unresolved` says it already.
    public var finding: Finding? {
        let evidence = [FindingEvidence(text: "OPTIONS to \(route.text): \(outcomeText)")]
        let target = destination.map { "\(transport.rawValue.uppercased()) \(Self.text($0))" } ?? route.text
        switch outcome {
        case .answered(let answer):
            // 405 and 501 answer "not OPTIONS" (RFC 3261 sections 21.4.6, 21.5.2): a SIP server
            // is there all the same.
            if answer.statusCode >= 400, answer.statusCode != 405, answer.statusCode != 501 {
                return Finding(
                    code: "probe.error-response",
                    severity: .warning,
                    summary: "\(route.text) answered OPTIONS with \(answer.statusCode) \(answer.reasonPhrase)",
                    explanation: "A SIP server answers at \(target), so the route is reachable, but it refused "
                        + "the probe. Many PBXs answer requests from unknown sources with 401, 403 or 404 and "
                        + "still take calls from the platform; if calls fail the same way, check that the PBX "
                        + "accepts SIP from the platform's addresses.",
                    evidence: evidence,
                    fix: "Allow the platform's signalling addresses on the PBX (its trunk or ACL settings)."
                )
            }
            return Finding(
                code: "probe.answered",
                severity: .info,
                summary: "\(route.text) answered OPTIONS with \(answer.statusCode) \(answer.reasonPhrase)",
                explanation: "A SIP server answers at \(target) (RFC 3261 section 11): the route is reachable "
                    + "from here. The platform reaches it from its own addresses, which a firewall may treat "
                    + "differently.",
                evidence: evidence
            )
        case .tcpReachable:
            return Finding(
                code: "probe.tcp-reachable",
                severity: .info,
                summary: "\(route.text) accepts TCP connections; TLS was not tried",
                explanation: "The port of this TLS route accepts a TCP connection, so something listens "
                    + "there. sipdiag has no TLS library on Linux, so the handshake, the certificate and SIP "
                    + "over TLS were not checked.",
                evidence: evidence,
                fix: "To check TLS itself: openssl s_client -connect \(destination.map(Self.text) ?? route.host)"
            )
        case .refused:
            return Finding(
                code: "probe.refused",
                severity: .error,
                summary: "Nothing listens for SIP at \(target) (\(route.text))",
                explanation: "The host answered that the port is closed ("
                    + (transport == .udp ? "ICMP port unreachable" : "TCP connection refused")
                    + "): calls sent there fail at once. Usually the PBX listens on another port or "
                    + "transport, or its SIP service is down.",
                evidence: evidence,
                fix: "Check the port and transport the PBX listens on, then correct the route: sipdiag routes "
                    + "add '<host>:<port>;transport=<udp|tcp|tls>' and sipdiag routes remove "
                    + ConfigurationLint.shellQuoted(route.text)
            )
        case .timeout(let seconds):
            return Finding(
                code: "probe.timeout",
                severity: .error,
                summary: "No answer from \(target) (\(route.text)) within \(Self.seconds(seconds)) s",
                explanation: "The OPTIONS went unanswered: a firewall drops it, the address is wrong, or the "
                    + "PBX ignores requests from unknown sources (some do, to hide from scanners, and still "
                    + "take the platform's calls). Calls that time out the same way end with 408.",
                evidence: evidence,
                fix: "Check that the firewall in front of the PBX forwards the SIP port to it and lets the "
                    + "platform's addresses in; sipdiag check --probe from a host outside that network shows "
                    + "what the platform sees."
            )
        case .failed(let reason):
            return Finding(
                code: "probe.failed",
                severity: .error,
                summary: "The probe of \(route.text) failed: \(reason)",
                explanation: "The OPTIONS could not be sent from this machine; this says more about the "
                    + "machine's own network than about the route.",
                evidence: evidence
            )
        case .unresolved:
            return nil
        }
    }
}
