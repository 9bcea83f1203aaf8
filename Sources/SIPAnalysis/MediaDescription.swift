/// The media side of one SDP offer or answer (RFC 3264): where RTP should go and which codecs
/// were listed, in order of preference.
public struct MediaDescription: Hashable, Sendable {
    /// `ip:port` of the first audio (else first) media stream, from its `c=` line or the
    /// session's (RFC 8866 section 5.7).
    public var endpoint: String?
    /// The media type of that stream (`audio`, `video`, ...).
    public var mediaType: String
    /// Codec names in the order listed, e.g. `PCMU/8000`.
    public var codecs: [String]
    /// `sendrecv`, `sendonly`, `recvonly` or `inactive` (RFC 8866 section 6.7).
    public var direction: String
    /// Whether the stream was refused (port 0, RFC 3264 section 6).
    public var isRejected: Bool
    /// Whether SRTP keys (a=crypto) or a DTLS fingerprint are present.
    public var isEncrypted: Bool

    public init(
        endpoint: String?,
        mediaType: String,
        codecs: [String],
        direction: String,
        isRejected: Bool,
        isEncrypted: Bool
    ) {
        self.endpoint = endpoint
        self.mediaType = mediaType
        self.codecs = codecs
        self.direction = direction
        self.isRejected = isRejected
        self.isEncrypted = isEncrypted
    }
}
