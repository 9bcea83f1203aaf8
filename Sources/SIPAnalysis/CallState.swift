/// How a call, registration or other exchange ended, as far as the capture shows.
///
/// The raw values are the stable names used in every output (`sipdiag calls --format json`).
public enum CallState: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// A 2xx answered the initial INVITE (RFC 3261 section 13.2.2.4); for other exchanges, a 2xx
    /// final response.
    case answered
    /// 486 Busy Here or 600 Busy Everywhere (RFC 3261 sections 21.4.24, 21.6.1).
    case busy
    /// Any other 4xx or 6xx final response, including a challenge (401/407) that was not retried.
    case rejected
    /// The caller sent CANCEL (RFC 3261 section 9) or the INVITE got 487 Request Terminated.
    case cancelled
    /// 480 Temporarily Unavailable or 408 Request Timeout after the callee rang.
    case noAnswer = "no-answer"
    /// No response at all, and the capture shows the sender gave up: it went on for Timer B
    /// (64*T1 = 32 s, RFC 3261 section 17.1.1.2) after the request, or an ICMP error came back.
    case timeout
    /// A 3xx final response (RFC 3261 section 8.1.3.4).
    case redirected
    /// A 5xx final response.
    case failed
    /// The capture ended before the exchange did (no final response yet, and no timeout shown).
    case inProgress = "in-progress"
    /// A 2xx to REGISTER that keeps at least one binding (RFC 3261 section 10.3).
    case registered
    /// A final non-2xx response to the last REGISTER (a challenge counts only when not retried).
    case registrationFailed = "registration-failed"
    /// A 2xx to a REGISTER that removed the bindings (`Expires: 0` or `Contact: *`,
    /// RFC 3261 section 10.2.2).
    case unregistered

    public var description: String { rawValue }

    /// Whether the exchange did not reach its goal (everything but answered, registered,
    /// unregistered and in-progress).
    public var isFailure: Bool {
        switch self {
        case .answered, .registered, .unregistered, .inProgress: false
        case .busy, .rejected, .cancelled, .noAnswer, .timeout, .redirected, .failed, .registrationFailed: true
        }
    }
}
