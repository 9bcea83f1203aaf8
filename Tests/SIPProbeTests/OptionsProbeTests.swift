import SIPCapture
import SIPDiagnosis
import SIPProbe
import Testing

/// The OPTIONS prober over real loopback sockets: closed ports, and small responders that
/// answer, refuse or stay silent. Outcomes and codes are asserted exactly; times only exist.
@Suite struct OptionsProbeTests {
    static let resolver = FixedHostResolver(["pbx.test": [IPAddress("127.0.0.44")].compactMap { $0 }])

    static func probe(_ route: String, timeout: Double = 4) -> ProbeResult {
        OptionsProbe.probe(RouteTarget(route), resolver: resolver, timeout: timeout)
    }

    @Test func closedUDPPortIsRefused() throws {
        let closed = try TestResponder(host: "127.0.0.41", stream: false, status: nil)
        closed.stop()
        let result = Self.probe("127.0.0.41:\(closed.port);transport=udp")
        #expect(result.outcome == .refused)
        #expect(result.transport == .udp)
        #expect(result.destination == Endpoint(address: try #require(IPAddress("127.0.0.41")), port: closed.port))
        #expect(result.finding?.code == "probe.refused")
        #expect(result.finding?.severity == .error)
        #expect(result.outcomeText == "refused (ICMP port unreachable)")
    }

    @Test func closedTCPPortIsRefused() throws {
        let closed = try TestResponder(host: "127.0.0.41", stream: true, status: nil, listen: false)
        defer { closed.stop() }
        let result = Self.probe("127.0.0.41:\(closed.port);transport=tcp")
        #expect(result.outcome == .refused)
        #expect(result.finding?.code == "probe.refused")
        #expect(result.outcomeText == "refused (connection refused)")
        let tls = Self.probe("127.0.0.41:\(closed.port);transport=tls")
        #expect(tls.outcome == .refused)
    }

    @Test func udpResponderAnswers() throws {
        let responder = try TestResponder(host: "127.0.0.42", stream: false, status: "200 OK")
        defer { responder.stop() }
        let result = Self.probe("127.0.0.42:\(responder.port)")
        guard case .answered(let answer) = result.outcome else {
            Issue.record("expected an answer, got \(result.outcome)")
            return
        }
        #expect(answer.statusCode == 200)
        #expect(answer.reasonPhrase == "OK")
        #expect(answer.server == "Server: test-responder/1.0")
        #expect(answer.roundTripMilliseconds >= 0)
        #expect(result.retransmissions == 0)
        #expect(result.finding?.code == "probe.answered")
        #expect(result.finding?.severity == .info)
        #expect(result.line.hasPrefix("127.0.0.42:\(responder.port)  UDP 127.0.0.42:\(responder.port)  200 OK in "))
    }

    @Test func udpRequestIsSentAgainWhenTheFirstIsLost() throws {
        let responder = try TestResponder(host: "127.0.0.43", stream: false, status: "200 OK", dropFirst: true)
        defer { responder.stop() }
        let result = Self.probe("127.0.0.43:\(responder.port);transport=udp")
        guard case .answered(let answer) = result.outcome else {
            Issue.record("expected an answer, got \(result.outcome)")
            return
        }
        #expect(answer.statusCode == 200)
        #expect(result.retransmissions >= 1)
        #expect(responder.requests >= 2)
    }

    @Test func silentUDPPeerTimesOut() throws {
        let responder = try TestResponder(host: "127.0.0.43", stream: false, status: nil)
        defer { responder.stop() }
        let result = Self.probe("127.0.0.43:\(responder.port)", timeout: 1)
        #expect(result.outcome == .timeout(seconds: 1))
        #expect(result.retransmissions >= 1)
        #expect(result.finding?.code == "probe.timeout")
        #expect(result.finding?.severity == .error)
    }

    @Test func tcpResponderAnswersByName() throws {
        let responder = try TestResponder(host: "127.0.0.44", stream: true, status: "200 OK")
        defer { responder.stop() }
        let result = Self.probe("pbx.test:\(responder.port);transport=tcp")
        guard case .answered(let answer) = result.outcome else {
            Issue.record("expected an answer, got \(result.outcome)")
            return
        }
        #expect(answer.statusCode == 200)
        #expect(answer.server == "Server: test-responder/1.0")
        #expect(result.transport == .tcp)
        #expect(result.destination == Endpoint(address: try #require(IPAddress("127.0.0.44")), port: responder.port))
        #expect(result.finding?.code == "probe.answered")
    }

    @Test(arguments: [("403 Forbidden", "probe.error-response"), ("405 Method Not Allowed", "probe.answered")])
    func errorResponses(status: String, code: String) throws {
        let responder = try TestResponder(host: "127.0.0.45", stream: true, status: status)
        defer { responder.stop() }
        let result = Self.probe("127.0.0.45:\(responder.port);transport=tcp")
        guard case .answered(let answer) = result.outcome else {
            Issue.record("expected an answer, got \(result.outcome)")
            return
        }
        #expect("\(answer.statusCode) \(answer.reasonPhrase)" == status)
        #expect(result.finding?.code == code)
    }

    @Test func tlsRouteIsOnlyConnected() throws {
        let responder = try TestResponder(host: "127.0.0.46", stream: true, status: "200 OK")
        defer { responder.stop() }
        let result = Self.probe("127.0.0.46:\(responder.port);transport=tls")
        guard case .tcpReachable = result.outcome else {
            Issue.record("expected TCP reachable, got \(result.outcome)")
            return
        }
        #expect(result.outcomeText.hasSuffix("TLS handshake not attempted"))
        #expect(result.finding?.code == "probe.tcp-reachable")
        #expect(result.finding?.severity == .info)
    }

    @Test func unresolvedNameIsNotProbed() {
        let result = Self.probe("nowhere.test:5060")
        #expect(result.outcome == .unresolved("nowhere.test is not in the table of known hosts"))
        #expect(result.destination == nil)
        #expect(result.finding == nil)
    }
}
