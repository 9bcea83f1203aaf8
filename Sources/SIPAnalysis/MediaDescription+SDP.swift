public import SIPMessage

extension MediaDescription {
    /// The first audio stream of `session` (else its first stream), or `nil` when it has none:
    /// what the analysis keeps of an offer or answer, and what the diagnosis compares between
    /// the SDPs of one exchange.
    public init?(_ session: SDPSession) {
        // A parsed session makes its media list on each read: read it once.
        let media = session.media
        let types = media.map(\.mediaType)
        guard let position = types.firstIndex(of: "audio") ?? media.indices.first else { return nil }
        let stream = media[position]
        let address = session.effectiveConnection(for: stream)?.address
        // Read once: a parsed stream reads its port from the m= line on each access.
        let port = stream.port
        // An IPv6 address (it has colons) is bracketed before the port, as in a URI.
        let endpoint: String? = address.flatMap { address in
            port.map { port in address.utf8.contains(0x3A) ? "[\(address)]:\(port)" : "\(address):\(port)" }
        }
        self.init(
            endpoint: endpoint,
            mediaType: types[position],
            codecs: session.codecNames(for: stream),
            direction: session.direction(for: stream).rawValue,
            // `SDPMedia.isRejected` is `port == 0` (RFC 3264 section 6).
            isRejected: port == 0,
            isEncrypted: stream.hasCrypto || session.hasCrypto || stream.hasFingerprint || session.hasFingerprint
        )
    }
}
