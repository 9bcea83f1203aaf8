#if canImport(FoundationNetworking)
import FoundationNetworking
#else
import Foundation
#endif

/// Sends one request and waits for its whole response: the seam between the retry logic and the
/// network, so that the retry rules can be tested without one.
protocol VidaHTTPPerformer: Sendable {
    /// One attempt. `receiving` is called as body bytes arrive (total so far, Content-Length).
    func perform(
        _ request: URLRequest,
        timeout: Double,
        receiving: @escaping @Sendable (Int64, Int64?) -> Void
    ) async -> Result<VidaHTTPResponse, VidaTransportFailure>
}
