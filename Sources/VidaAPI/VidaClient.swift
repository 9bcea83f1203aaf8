public import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An async client for the SIP endpoints of the Vida API (`/api/v2/sip/` in vida-openapi.json).
public struct VidaClient: Sendable {
    public let baseURL: URL
    let token: VidaToken
    public let retryPolicy: RetryPolicy
    public let requestTimeout: Double
    let progress: (@Sendable (VidaProgress) -> Void)?

    public init(
        baseURL: URL,
        token: VidaToken,
        retryPolicy: RetryPolicy = .default,
        requestTimeout: Double = 30,
        progress: (@Sendable (VidaProgress) -> Void)? = nil
    ) throws(VidaError) {
        self.baseURL = try VidaCredentials.checkBaseURL(baseURL.absoluteString, origin: "the client")
        self.token = token
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.progress = progress
    }

    public func capture(
        callID: String,
        window: CaptureWindow?,
        format: CaptureExportFormat
    ) async throws(VidaError)
        -> CaptureDownload
    {
        throw unfinished()
    }

    public func whitelist() async throws(VidaError) -> [WhitelistEntry] { throw unfinished() }
    public func addToWhitelist(ip: String, label: String) async throws(VidaError) -> WriteResult { throw unfinished() }
    public func removeFromWhitelist(ip: String) async throws(VidaError) -> WriteResult { throw unfinished() }
    public func outboundRoutes() async throws(VidaError) -> [String] { throw unfinished() }
    public func addOutboundRoute(_ route: String) async throws(VidaError) -> WriteResult { throw unfinished() }
    public func removeOutboundRoute(_ route: String) async throws(VidaError) -> WriteResult { throw unfinished() }
    public func registration() async throws(VidaError) -> Registration? { throw unfinished() }
    public func setRegistration(_ request: RegistrationRequest) async throws(VidaError) -> WriteResult {
        throw unfinished()
    }
    public func deleteRegistration() async throws(VidaError) -> WriteResult { throw unfinished() }

    public func redact(_ text: String) -> String {
        text.replacingOccurrences(of: token.secret, with: "***")
    }

    private func unfinished() -> VidaError {
        VidaError(kind: .connection, message: "Not implemented yet.")
    }
}
