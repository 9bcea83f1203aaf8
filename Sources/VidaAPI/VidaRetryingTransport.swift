import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends a ``VidaRequest``, retrying a GET that failed in a way that may pass (429, 5xx, 408,
/// timeout, connection closed part way) as ``RetryPolicy`` says, and reporting ``VidaProgress``.
///
/// A `Retry-After` header (RFC 9110 section 10.2.3) replaces the computed backoff; one longer than
/// ``RetryPolicy/maximumRetryAfter`` ends the request at once with a message saying when to try
/// again. Writes are sent once (RFC 9110 section 9.2.2: POST is not idempotent).
struct VidaRetryingTransport: Sendable {
    let builder: VidaRequestBuilder
    let redactor: VidaRedactor
    let policy: RetryPolicy
    let performer: any VidaHTTPPerformer
    let progress: (@Sendable (VidaProgress) -> Void)?
    /// Jitter source, a value in 0...1.
    let random: @Sendable () -> Double
    /// Waits that many seconds; throws when the task is cancelled.
    let sleep: @Sendable (Double) async throws -> Void
    /// The current time, for Retry-After dates.
    let now: @Sendable () -> Date

    /// A response from a successful attempt, and how many attempts it took.
    struct Delivery: Sendable {
        let response: VidaHTTPResponse
        let attempts: Int
        let redactedURL: String
    }

    func send(_ request: VidaRequest) async throws(VidaError) -> Delivery {
        let redactedURL = builder.redactedURL(request)
        let interpreter = VidaResponseInterpreter(
            request: request,
            redactedURL: redactedURL,
            baseURL: builder.baseURL,
            redactor: redactor,
            timeout: builder.timeout
        )
        guard let urlRequest = builder.urlRequest(request) else {
            throw VidaError(
                kind: .configuration,
                message: redactor.redact("Cannot form a request URL from \(redactedURL)."),
                redactedURL: redactedURL
            )
        }
        let maximumAttempts = request.method.isRetryable ? policy.maximumAttempts : 1
        var attempt = 1
        while true {
            progress?(.connecting(attempt: attempt))
            let progress = self.progress
            let outcome = await performer.perform(urlRequest, timeout: builder.timeout) { bytes, expected in
                progress?(.receiving(bytes: bytes, expected: expected))
            }
            let (error, transient, retryAfter): (VidaError, Bool, RetryAfter?)
            switch interpreter.verdict(outcome, now: now()) {
            case .success(let response):
                return Delivery(response: response, attempts: attempt, redactedURL: redactedURL)
            case .failure(let failure, let isTransient, let header):
                (error, transient, retryAfter) = (failure, isTransient, header)
            }
            guard transient else { throw error }
            guard request.method.isRetryable else {
                throw interpreter.amend(
                    error,
                    "A \(request.method.rawValue) is not retried automatically: it may already have taken effect, so "
                        + "check the current state before trying again."
                        + (retryAfter.flatMap { $0.seconds > 0 ? " The API asks to wait \(describe($0))." : nil } ?? "")
                )
            }
            if let retryAfter, retryAfter.seconds > policy.maximumRetryAfter {
                throw interpreter.amend(
                    error,
                    "The API asks to wait \(describe(retryAfter)), longer than the "
                        + "\(VidaResponseInterpreter.seconds(policy.maximumRetryAfter)) this client waits: try again then."
                        + (attempt > 1 ? " (\(attempt) attempts made.)" : "")
                )
            }
            guard attempt < maximumAttempts else {
                let after = retryAfter.map { " The API asks to wait \(describe($0)) before the next one." } ?? ""
                throw interpreter.amend(error, attempt > 1 ? "Gave up after \(attempt) attempts.\(after)" : after)
            }
            let seconds = retryAfter?.seconds ?? policy.delay(afterAttempt: attempt, random: random())
            attempt += 1
            progress?(.waitingToRetry(seconds: seconds, attempt: attempt, reason: error.headline))
            do {
                try await sleep(seconds)
            } catch {
                throw interpreter.error(VidaTransportFailure(reason: .cancelled, detail: ""))
            }
        }
    }

    /// "N seconds (until <RFC 3339 time>)".
    private func describe(_ retryAfter: RetryAfter) -> String {
        let until = now().addingTimeInterval(min(retryAfter.seconds, 1e10))
        return "\(VidaResponseInterpreter.seconds(retryAfter.seconds.rounded(.up))) (until \(RFC3339.string(until)))"
    }

    /// Sleeps with `Task.sleep`.
    static let taskSleep: @Sendable (Double) async throws -> Void = { seconds in
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(min(seconds, 86_400) * 1e9))
    }
}
