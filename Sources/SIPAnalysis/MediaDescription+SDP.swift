import SIPMessage

extension MediaDescription {
    /// The first audio stream of `session` (else its first stream), or `nil` when it has none.
    init?(_ session: SDPSession) {
        // A parsed session makes its media list on each read: read it once.
        let media = session.media
        guard let stream = media.first(where: { $0.mediaType == "audio" }) ?? media.first else {
            return nil
        }
        let address = session.effectiveConnection(for: stream)?.address
        let endpoint: String? = address.flatMap { address in
            stream.port.map { port in address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)" }
        }
        self.init(
            endpoint: endpoint,
            mediaType: stream.mediaType,
            codecs: session.codecs(for: stream).map(\.name),
            direction: session.direction(for: stream).rawValue,
            isRejected: stream.isRejected,
            isEncrypted: stream.hasCrypto || session.hasCrypto || stream.hasFingerprint || session.hasFingerprint
        )
    }
}
