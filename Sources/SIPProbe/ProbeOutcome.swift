/// What one OPTIONS probe of a route came to.
public enum ProbeOutcome: Sendable, Hashable {
    /// A final response came back (RFC 3261 section 11.2): any status proves that a SIP server
    /// listens there.
    case answered(ProbeAnswer)
    /// A TLS route: the TCP connection to its port was accepted; no TLS handshake was attempted
    /// (sipdiag has no TLS library on Linux), so whether SIP over TLS works is not known.
    case tcpReachable(roundTripMilliseconds: Double)
    /// Nothing listens on the port: an ICMP port unreachable for UDP (ECONNREFUSED on a
    /// connected socket, RFC 1122 section 4.1.3.1), a reset for TCP.
    case refused
    /// No final response (or, for TCP, no connection) within the timeout.
    case timeout(seconds: Double)
    /// The route's host name has no address.
    case unresolved(String)
    /// Another socket error ("Network is unreachable"), in the system's words.
    case failed(String)
}

/// A final response to the probe.
public struct ProbeAnswer: Sendable, Hashable {
    public var statusCode: Int
    public var reasonPhrase: String
    /// From the first transmission of the request to the response.
    public var roundTripMilliseconds: Double
    /// The response's Server header, else its User-Agent header (RFC 3261 sections 20.35, 20.41).
    public var server: String?

    public init(statusCode: Int, reasonPhrase: String, roundTripMilliseconds: Double, server: String?) {
        self.statusCode = statusCode
        self.reasonPhrase = reasonPhrase
        self.roundTripMilliseconds = roundTripMilliseconds
        self.server = server
    }
}
