import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why an attempt produced no complete response: the classification of a `URLError` (or of what
/// the client saw itself: a timeout, a body cut short, a body over the size cap).
struct VidaTransportFailure: Error, Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        /// No complete answer within the request timeout.
        case timeout
        /// The host name did not resolve.
        case hostNotFound
        /// The TLS handshake or certificate check failed.
        case tls
        /// Nothing accepted the connection (connection refused, no route): retrying will not help.
        case refused
        /// The connection was reset or closed before the whole response arrived.
        case closed
        /// The body was larger than the client accepts.
        case tooLarge
        /// The calling task was cancelled.
        case cancelled
        /// Anything else URLSession reported.
        case other
    }

    let reason: Reason
    /// URLSession's own description or the client's, not yet redacted.
    let detail: String

    /// Whether a GET that failed this way may succeed when sent again.
    var isTransient: Bool { reason == .timeout || reason == .closed }

    /// Classifies an error from URLSession.
    init(_ error: any Error) {
        detail = error.localizedDescription
        guard let urlError = error as? URLError else {
            reason = .other
            return
        }
        switch urlError.code {
        case .timedOut:
            reason = .timeout
        case .cannotFindHost, .dnsLookupFailed:
            reason = .hostNotFound
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
            .clientCertificateRequired:
            reason = .tls
        case .cannotConnectToHost, .notConnectedToInternet:
            reason = .refused
        case .networkConnectionLost, .badServerResponse, .zeroByteResource, .cannotParseResponse:
            // libcurl reports a reset, an empty reply and a short body as these.
            reason = .closed
        case .cancelled:
            reason = .cancelled
        default:
            // swift-corelibs-foundation reports libcurl's TLS failures (CURLE_SSL_CONNECT_ERROR,
            // wrong version number, ...) as URLError.unknown; only the text tells them apart.
            reason = Self.mentionsTLS(urlError.localizedDescription) ? .tls : .other
        }
    }

    private static func mentionsTLS(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["ssl", "tls", "certificate", "openssl", "handshake"].contains { lowered.contains($0) }
    }

    init(reason: Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
