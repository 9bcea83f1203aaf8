/// A TCP connection whose SIP is encrypted (TLS, RFC 8446): nothing in it can be decoded,
/// but the diagnosis should say it was there, e.g. "12 TLS records on 10.0.0.1:5061,
/// encrypted".
public struct EncryptedFlow: Hashable, Sendable, CustomStringConvertible {
    /// The side that sent the ClientHello when the capture shows it; otherwise the side
    /// with the higher port (clients use ephemeral ports, servers well-known ones).
    public var client: Endpoint
    public var server: Endpoint
    /// Whole TLS records seen in both directions.
    public var records: Int
    /// The record (frame) that showed the connection is TLS.
    public var firstRecordNumber: Int
    /// `.tls`, or `.wss` when the server port is one HTTPS usually listens on (443, 8443,
    /// 7443, 4443, 10443): a guess, since the encrypted bytes cannot tell SIP over TLS
    /// (RFC 3261 section 26.2) from SIP over secure WebSocket (RFC 7118 section 5).
    public var transport: SIPTransport

    /// An encrypted connection as the reassembler reports it.
    public init(client: Endpoint, server: Endpoint, records: Int, firstRecordNumber: Int, transport: SIPTransport) {
        self.client = client
        self.server = server
        self.records = records
        self.firstRecordNumber = firstRecordNumber
        self.transport = transport
    }

    /// Server ports taken to mean secure WebSocket rather than SIP over TLS.
    public static let webSocketSecurePorts: Set<UInt16> = [443, 8443, 7443, 4443, 10443]

    /// The transport guessed from the server port.
    public static func guessTransport(serverPort: UInt16) -> SIPTransport {
        webSocketSecurePorts.contains(serverPort) ? .wss : .tls
    }

    public var description: String {
        let noun = records == 1 ? "TLS record" : "TLS records"
        let kind = transport == .wss ? " (likely secure WebSocket)" : ""
        return "\(records) \(noun) on \(server)\(kind), encrypted"
    }
}
