import SIPCapture
public import SIPDiagnosis
import SIPMessage

/// Sends a SIP OPTIONS request (RFC 3261 section 11) to an outbound route and reports whether,
/// how fast and with what a SIP server answers, in the manner of `sipsak -s`.
///
/// UDP and TCP routes get the OPTIONS over their transport. TLS routes get a TCP connection to
/// their port only: there is no TLS library to use on Linux without a package, so the result
/// says "TCP reachable, TLS handshake not attempted" rather than guess.
public enum OptionsProbe {
    /// RFC 3261 section 17.1.1.1: the first retransmission interval, doubling after each.
    public static let t1 = 0.5
    /// The default total wait, seconds: the request goes out at 0, 0.5, 1.5 and 3.5 s.
    public static let defaultTimeout = 4.0

    /// Probes `route` and waits at most `timeout` seconds for the answer.
    public static func probe(
        _ route: RouteTarget,
        resolver: any HostResolver,
        timeout: Double = defaultTimeout
    ) -> ProbeResult {
        let transport = route.effectiveTransport
        let addresses: [IPAddress]
        switch resolver.resolve(route.host) {
        case .failed(let reason):
            return ProbeResult(route: route, transport: transport, destination: nil, outcome: .unresolved(reason))
        case .addresses(let list):
            addresses = list
        }
        // The first address, IPv4 first: what a resolver hands a caller first on most systems.
        guard let address = addresses.first(where: { !$0.isIPv6 }) ?? addresses.first,
            let port = UInt16(exactly: route.effectivePort)
        else {
            return ProbeResult(
                route: route,
                transport: transport,
                destination: nil,
                outcome: .unresolved("no address")
            )
        }
        let destination = Endpoint(address: address, port: port)
        let seconds = timeout.isFinite && timeout > 0 ? min(timeout, 3600) : defaultTimeout
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        switch transport {
        case .udp:
            return probeUDP(route, destination: destination, seconds: seconds, deadline: deadline)
        case .tls:
            return connectOnly(route, destination: destination, seconds: seconds, deadline: deadline)
        default:
            return probeTCP(route, transport: transport, destination: destination, seconds: seconds, deadline: deadline)
        }
    }

    /// Probes every route, one after another.
    public static func probe(
        _ routes: [RouteTarget],
        resolver: any HostResolver,
        timeout: Double = defaultTimeout
    ) -> [ProbeResult] {
        routes.map { probe($0, resolver: resolver, timeout: timeout) }
    }

    // MARK: - UDP

    /// Sends, then sends again after T1, 2·T1, 4·T1... (RFC 3261 section 17.1.2.2, Timer E)
    /// until a final response or the deadline.
    private static func probeUDP(
        _ route: RouteTarget,
        destination: Endpoint,
        seconds: Double,
        deadline: ContinuousClock.Instant
    ) -> ProbeResult {
        var retransmissions = 0
        func result(_ outcome: ProbeOutcome) -> ProbeResult {
            ProbeResult(
                route: route,
                transport: .udp,
                destination: destination,
                outcome: outcome,
                retransmissions: retransmissions
            )
        }
        do throws(ProbeSocket.Failure) {
            let socket = try ProbeSocket(connectingTo: destination, stream: false, deadline: deadline)
            let request = OptionsRequest(route: route, transport: .udp, local: socket.localEndpoint)
            let bytes = Array(request.text.utf8)
            let start = ContinuousClock.now
            var interval = t1
            try socket.send(bytes, deadline: deadline)
            var nextSend = start.advanced(by: .milliseconds(Int64(interval * 1000)))
            while ContinuousClock.now < deadline {
                let waitUntil = min(nextSend, deadline)
                if let datagram = try socket.receive(until: waitUntil) {
                    if let answer = request.finalAnswer(in: datagram, since: start) { return result(.answered(answer)) }
                    continue
                }
                guard ContinuousClock.now < deadline else { break }
                try socket.send(bytes, deadline: deadline)
                retransmissions += 1
                // Timer E doubles up to T2 = 4 s for a non-INVITE request (RFC 3261 section 17.1.2.2).
                interval = min(interval * 2, 4)
                nextSend = ContinuousClock.now.advanced(by: .milliseconds(Int64(interval * 1000)))
            }
            return result(.timeout(seconds: seconds))
        } catch {
            return result(outcome(of: error, seconds: seconds))
        }
    }

    // MARK: - TCP and TLS

    private static func probeTCP(
        _ route: RouteTarget,
        transport: SIPTransport,
        destination: Endpoint,
        seconds: Double,
        deadline: ContinuousClock.Instant
    ) -> ProbeResult {
        func result(_ outcome: ProbeOutcome) -> ProbeResult {
            ProbeResult(route: route, transport: transport, destination: destination, outcome: outcome)
        }
        do throws(ProbeSocket.Failure) {
            let start = ContinuousClock.now
            let socket = try ProbeSocket(connectingTo: destination, stream: true, deadline: deadline)
            let request = OptionsRequest(route: route, transport: .tcp, local: socket.localEndpoint)
            try socket.send(Array(request.text.utf8), deadline: deadline)
            var framer = ResponseFramer()
            while let bytes = try socket.receive(until: deadline) {
                guard !bytes.isEmpty else {
                    return result(.failed("the server closed the connection without answering"))
                }
                framer.append(bytes)
                while let message = framer.next() {
                    if let answer = request.finalAnswer(in: message, since: start) { return result(.answered(answer)) }
                }
                if framer.isOverLimit { return result(.failed("the answer is larger than 64 KiB")) }
            }
            return result(.timeout(seconds: seconds))
        } catch {
            return result(outcome(of: error, seconds: seconds))
        }
    }

    /// A TLS route: a TCP connection to its port, closed at once.
    private static func connectOnly(
        _ route: RouteTarget,
        destination: Endpoint,
        seconds: Double,
        deadline: ContinuousClock.Instant
    ) -> ProbeResult {
        let outcome: ProbeOutcome
        do throws(ProbeSocket.Failure) {
            let start = ContinuousClock.now
            _ = try ProbeSocket(connectingTo: destination, stream: true, deadline: deadline)
            outcome = .tcpReachable(roundTripMilliseconds: milliseconds(since: start))
        } catch {
            outcome = self.outcome(of: error, seconds: seconds)
        }
        return ProbeResult(route: route, transport: .tls, destination: destination, outcome: outcome)
    }

    private static func outcome(of failure: ProbeSocket.Failure, seconds: Double) -> ProbeOutcome {
        switch failure {
        case .refused: .refused
        case .timedOut: .timeout(seconds: seconds)
        case .system(let text): .failed(text)
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let (seconds, attoseconds) = start.duration(to: ContinuousClock.now).components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
