import Foundation

/// Turns one attempt's outcome (a response, or a transport failure) into a success or a
/// ``VidaError`` that says what happened and what to do. Every message passes through the
/// redactor.
struct VidaResponseInterpreter: Sendable {
    let request: VidaRequest
    /// The request URL with `token=***`.
    let redactedURL: String
    let baseURL: URL
    let redactor: VidaRedactor
    /// The per-attempt timeout, seconds, for the timeout message.
    let timeout: Double

    /// The sentence that tells how to give a token, shared by 401 and 403.
    static let tokenHelp =
        "Give a valid token with --token-file PATH, the VIDA_API_TOKEN environment variable, or "
        + "{\"token\": \"...\"} in ~/.config/sipdiag/config.json (the token is on the API page of the Vida dashboard)."

    func verdict(_ outcome: Result<VidaHTTPResponse, VidaTransportFailure>, now: Date = Date()) -> VidaAttemptVerdict {
        switch outcome {
        case .success(let response): verdict(response, now: now)
        case .failure(let failure): .failure(error(failure), transient: failure.isTransient, retryAfter: nil)
        }
    }

    // MARK: - Responses

    func verdict(_ response: VidaHTTPResponse, now: Date = Date()) -> VidaAttemptVerdict {
        let status = response.statusCode
        let body = VidaResponseBody(response)
        let retryAfter = response.header("retry-after").flatMap { RetryAfter($0, now: now) }
        let said = apiSaid(body)
        switch status {
        case 200...299:
            return .success(response)
        case 300...399:
            let location = response.header("location").map { "a redirect to \($0)" } ?? "a redirect without a Location"
            return fail(
                .unexpectedStatus,
                status,
                "The Vida API answered \(HTTPStatusName.text(status)), \(location). Redirects are not followed, "
                    + "because the token would go along to the new address: check --api-url "
                    + "(https://api.vida.dev unless you use a proxy)."
            )
        case 400:
            return fail(
                .badRequest,
                status,
                "The Vida API refused the request as invalid (HTTP 400 Bad Request)\(said)."
            )
        case 401:
            return fail(
                .unauthorized,
                status,
                "The Vida API rejected the token (HTTP 401 Unauthorized)\(said). \(Self.tokenHelp)"
            )
        case 403:
            return fail(
                .unauthorized,
                status,
                "The Vida API refused access with this token (HTTP 403 Forbidden)\(said): it is missing, expired or not "
                    + "allowed to use the SIP endpoints. \(Self.tokenHelp)"
            )
        case 404:
            if request.notFoundMeansAbsent, !body.isHTML { return .success(response) }
            let explanation =
                body.isHTML
                ? "The Vida API answered 404 with an HTML page, not with its JSON: check --api-url "
                    + "(https://api.vida.dev unless you use a proxy)."
                : request.notFoundExplanation
                    ?? "The Vida API found nothing at \(request.summary): check --api-url if it has a path prefix."
            return fail(.notFound, status, "\(explanation) The API answered HTTP 404 Not Found\(said).")
        case 408:
            return .failure(
                make(
                    .timeout,
                    status,
                    "The Vida API timed out waiting for the request (HTTP 408 Request Timeout)\(said)."
                ),
                transient: true,
                retryAfter: retryAfter
            )
        case 409:
            return fail(.conflict, status, "The Vida API refused the change as a conflict (HTTP 409 Conflict)\(said).")
        case 429:
            return .failure(
                make(
                    .rateLimited,
                    status,
                    "The Vida API is limiting the rate of requests (HTTP 429 Too Many Requests)\(said)."
                ),
                transient: true,
                retryAfter: retryAfter
            )
        case 500...599:
            return .failure(
                make(
                    .serverError,
                    status,
                    "The Vida API failed with \(HTTPStatusName.text(status))\(said): the problem is on the service's "
                        + "side; try again later."
                ),
                transient: true,
                retryAfter: retryAfter
            )
        default:
            return fail(
                .unexpectedStatus,
                status,
                "The Vida API answered with the unexpected status \(HTTPStatusName.text(status))\(said)."
            )
        }
    }

    /// `: "<message>"` from the body, or a word on an HTML body, or nothing.
    private func apiSaid(_ body: VidaResponseBody) -> String {
        if let message = body.message { return ": \"\(message)\"" }
        if body.isHTML { return " with an HTML page instead of JSON (a proxy, or the wrong --api-url?)" }
        return ""
    }

    private func fail(_ kind: VidaError.Kind, _ status: Int, _ text: String) -> VidaAttemptVerdict {
        .failure(make(kind, status, text), transient: false, retryAfter: nil)
    }

    // MARK: - Transport failures

    func error(_ failure: VidaTransportFailure) -> VidaError {
        let host = hostDescription
        let detail = failure.detail.isEmpty ? "" : " (\(failure.detail))"
        switch failure.reason {
        case .timeout:
            return make(
                .timeout,
                nil,
                "No complete response from the Vida API at \(host) within \(Self.seconds(timeout))\(detail). "
                    + "The service may be slow or a firewall may be dropping the connection."
            )
        case .hostNotFound:
            return make(
                .hostNotFound,
                nil,
                "The DNS lookup of the API host \(baseURL.host ?? host) failed\(detail): check --api-url, "
                    + "VIDA_API_URL or \"apiUrl\" in the config file, and the network connection."
            )
        case .tls:
            return make(
                .tls,
                nil,
                "The TLS connection to \(host) failed\(detail): its certificate may be invalid or expired, or a proxy "
                    + "may be intercepting HTTPS."
            )
        case .refused:
            return make(
                .connection,
                nil,
                "Cannot connect to \(host)\(detail): the connection was refused or the host is unreachable. "
                    + "Check --api-url and that the service is reachable from this machine."
            )
        case .closed:
            return make(
                .connection,
                nil,
                "The connection to \(host) closed before the whole response arrived\(detail)."
            )
        case .tooLarge:
            return make(.undecodableResponse, nil, "The Vida API's answer is too large to read\(detail).")
        case .cancelled:
            return make(.connection, nil, "The request to \(host) was cancelled.")
        case .other:
            return make(.connection, nil, "The request to \(host) failed\(detail).")
        }
    }

    /// `host:port` of the base URL.
    private var hostDescription: String {
        guard let host = baseURL.host else { return baseURL.absoluteString }
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return baseURL.port.map { "\(shown):\($0)" } ?? shown
    }

    static func seconds(_ value: Double) -> String {
        if value == value.rounded(), value < 1e9 { return "\(Int(value)) s" }
        return "\(value) s"
    }

    /// What ends every message: the request it was about.
    var requestSuffix: String { redactor.redact(" (\(request.method.rawValue) \(redactedURL))") }

    /// The error, its message redacted and followed by the request it was about.
    func make(_ kind: VidaError.Kind, _ status: Int?, _ text: String) -> VidaError {
        VidaError(
            kind: kind,
            message: redactor.redact(text) + requestSuffix,
            statusCode: status,
            redactedURL: redactor.redact(redactedURL)
        )
    }

    /// `error` with `sentence` added to its text, before the request suffix.
    func amend(_ error: VidaError, _ sentence: String) -> VidaError {
        let sentence = sentence.trimmingSpaces()
        guard !sentence.isEmpty else { return error }
        let suffix = requestSuffix
        let message =
            error.message.hasSuffix(suffix)
            ? String(error.message.dropLast(suffix.count)) + " " + redactor.redact(sentence) + suffix
            : error.message + " " + redactor.redact(sentence)
        return VidaError(
            kind: error.kind,
            message: message,
            statusCode: error.statusCode,
            redactedURL: error.redactedURL
        )
    }
}
