public import SIPCapture
public import SIPDiagnosis

/// The probe of one outbound route: where it went, how, and what came of it.
public struct ProbeResult: Sendable, Hashable {
    /// The route as configured.
    public var route: RouteTarget
    /// The transport the probe used: the route's (UDP when it names none).
    public var transport: SIPTransport
    /// The address and port probed, `nil` when the name did not resolve.
    public var destination: Endpoint?
    public var outcome: ProbeOutcome
    /// How many times the request was sent again (UDP only, RFC 3261 section 17.1.2.2).
    public var retransmissions: Int

    public init(
        route: RouteTarget,
        transport: SIPTransport,
        destination: Endpoint?,
        outcome: ProbeOutcome,
        retransmissions: Int = 0
    ) {
        self.route = route
        self.transport = transport
        self.destination = destination
        self.outcome = outcome
        self.retransmissions = retransmissions
    }

    /// One line in the manner of sipsak: the route, what was probed, and the outcome.
    public var line: String {
        let target = destination.map { "\(transport.rawValue.uppercased()) \(Self.text($0))" } ?? "-"
        return "\(route.text)  \(target)  \(outcomeText)"
    }

    /// "200 OK in 12.3 ms (Server: Asterisk PBX)", "refused", ...
    public var outcomeText: String {
        switch outcome {
        case .answered(let answer):
            var text =
                "\(answer.statusCode) \(answer.reasonPhrase) in \(Self.milliseconds(answer.roundTripMilliseconds))"
            if retransmissions > 0 {
                text += " after \(retransmissions) retransmission\(retransmissions == 1 ? "" : "s")"
            }
            if let server = answer.server { text += " (\(server))" }
            return text
        case .tcpReachable(let milliseconds):
            return "TCP reachable in \(Self.milliseconds(milliseconds)), TLS handshake not attempted"
        case .refused:
            return transport == .udp ? "refused (ICMP port unreachable)" : "refused (connection refused)"
        case .timeout(let seconds):
            let what = transport == .udp ? "no response" : "no answer"
            return "timeout: \(what) in \(Self.seconds(seconds)) s"
                + (retransmissions > 0 ? " (sent \(retransmissions + 1) times)" : "")
        case .unresolved(let reason):
            return "unresolved: \(reason)"
        case .failed(let reason):
            return "failed: \(reason)"
        }
    }

    /// `203.0.113.10:5060`, `[2001:db8::10]:5060`.
    public static func text(_ endpoint: Endpoint) -> String {
        endpoint.address.isIPv6 ? "[\(endpoint.address)]:\(endpoint.port)" : "\(endpoint.address):\(endpoint.port)"
    }

    static func milliseconds(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10) ms"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : "\(value)"
    }
}
