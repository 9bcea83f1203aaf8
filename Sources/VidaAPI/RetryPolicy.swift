/// How ``VidaClient`` retries GET requests that failed in a way that may pass: HTTP 429 and 5xx,
/// timeouts, and connections closed part way. Writes (POST, DELETE) are never retried: they are
/// not idempotent on this API (RFC 9110 section 9.2.2), and a retried "add" could act twice.
///
/// The delay before attempt n+1 is `initialDelay * 2^(n-1)`, capped at `maximumDelay`, with random
/// jitter (between half and all of it) so that many clients do not retry in step; a `Retry-After`
/// header (RFC 9110 section 10.2.3) replaces it.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (so 1 means no retry).
    public var maximumAttempts: Int
    /// Delay before the first retry, seconds.
    public var initialDelay: Double
    /// Upper bound of the computed delay, seconds.
    public var maximumDelay: Double
    /// The longest `Retry-After` worth waiting for, seconds; a longer one fails at once with
    /// ``VidaError/Kind/rateLimited`` (or the 5xx error) saying when to try again.
    public var maximumRetryAfter: Double

    public init(
        maximumAttempts: Int = 4,
        initialDelay: Double = 0.5,
        maximumDelay: Double = 8,
        maximumRetryAfter: Double = 30
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = max(0, initialDelay)
        self.maximumDelay = max(0, maximumDelay)
        self.maximumRetryAfter = max(0, maximumRetryAfter)
    }

    /// Four attempts, 0.5 s doubling to at most 8 s, Retry-After honoured up to 30 s.
    public static let `default` = RetryPolicy()
    /// One attempt only.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// The delay before attempt `attempt + 1` after attempt `attempt` (from 1) failed, with jitter
    /// from `random` (a value in 0...1).
    func delay(afterAttempt attempt: Int, random: Double) -> Double {
        let exponent = Double(min(max(attempt - 1, 0), 30))
        let base = min(maximumDelay, initialDelay * pow2(exponent))
        return base / 2 + base / 2 * min(max(random, 0), 1)
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        var remaining = exponent
        while remaining >= 1 {
            value *= 2
            remaining -= 1
        }
        return value
    }
}
