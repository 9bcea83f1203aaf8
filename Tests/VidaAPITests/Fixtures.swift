import Foundation
import Testing

@testable import VidaAPI

/// The token, canned responses and a client over a scripted network, for the tests that need no server.
enum Fixtures {
    static let secret = "s3cr+t/tok=en&x"
    static let encodedSecret = "s3cr%2Bt%2Ftok%3Den%26x"

    static func token() throws -> VidaToken { try VidaToken(secret) }

    static func response(
        _ status: Int,
        _ body: String = "",
        contentType: String? = "application/json",
        headers: [String: String] = [:]
    ) -> Result<VidaHTTPResponse, VidaTransportFailure> {
        var all = headers
        if let contentType { all["Content-Type"] = contentType }
        return .success(VidaHTTPResponse(statusCode: status, headers: all, body: Array(body.utf8)))
    }

    static func failure(
        _ reason: VidaTransportFailure.Reason,
        _ detail: String = ""
    ) -> Result<VidaHTTPResponse, VidaTransportFailure> {
        .failure(VidaTransportFailure(reason: reason, detail: detail))
    }

    /// A client over `performer` that records progress and sleeps instead of waiting.
    static func client(
        _ performer: ScriptedPerformer,
        recorder: Recorder = Recorder(),
        policy: RetryPolicy = RetryPolicy(maximumAttempts: 3, initialDelay: 1, maximumDelay: 8, maximumRetryAfter: 30),
        now: Date = Date(timeIntervalSince1970: 1_780_000_000)
    ) throws -> VidaClient {
        try VidaClient(
            baseURL: try #require(URL(string: "https://api.example.test")),
            token: token(),
            retryPolicy: policy,
            requestTimeout: 5,
            progress: { recorder.record($0) },
            performer: performer,
            random: { 1 },
            sleep: { recorder.recordSleep($0) },
            now: { now }
        )
    }

    /// The error `body` throws, or nil.
    static func error<T>(_ body: () async throws(VidaError) -> T) async -> VidaError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }
}
