public import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An async client for the SIP endpoints of the Vida API (`/api/v2/sip/` in vida-openapi.json).
///
/// Every request carries the token as the `token` query parameter; the registration endpoint also
/// gets it as an `authorization` header. No message, URL or progress reason this client produces
/// contains the token: URLs read `token=***` and every text passes through ``redact(_:)``.
///
/// GETs that fail in a way that may pass (HTTP 429 and 5xx, RFC 9110 section 15.6; timeouts;
/// connections closed part way) are retried as ``RetryPolicy`` says; POST and DELETE are sent
/// once. Redirects (RFC 9110 section 15.4) are not followed, so that the token never goes to
/// another address.
public struct VidaClient: Sendable {
    public let baseURL: URL
    let token: VidaToken
    public let retryPolicy: RetryPolicy
    /// Seconds each attempt may take, from sending to the last byte of the body.
    public let requestTimeout: Double
    let progress: (@Sendable (VidaProgress) -> Void)?
    private let performer: any VidaHTTPPerformer
    private let random: @Sendable () -> Double
    private let sleep: @Sendable (Double) async throws -> Void
    private let now: @Sendable () -> Date

    /// - Throws: ``VidaError/Kind/configuration`` when `baseURL` is not an `https` URL (or `http`
    ///   to this machine), as ``VidaCredentials/checkBaseURL(_:origin:)`` says.
    public init(
        baseURL: URL,
        token: VidaToken,
        retryPolicy: RetryPolicy = .default,
        requestTimeout: Double = 30,
        progress: (@Sendable (VidaProgress) -> Void)? = nil
    ) throws(VidaError) {
        try self.init(
            baseURL: baseURL,
            token: token,
            retryPolicy: retryPolicy,
            requestTimeout: requestTimeout,
            progress: progress,
            performer: VidaURLSessionPerformer()
        )
    }

    /// The same, with the network, the jitter, the clock and the waits replaceable (tests).
    init(
        baseURL: URL,
        token: VidaToken,
        retryPolicy: RetryPolicy = .default,
        requestTimeout: Double = 30,
        progress: (@Sendable (VidaProgress) -> Void)? = nil,
        performer: any VidaHTTPPerformer,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        sleep: @escaping @Sendable (Double) async throws -> Void = VidaRetryingTransport.taskSleep,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(VidaError) {
        self.baseURL = try VidaCredentials.checkBaseURL(baseURL.absoluteString, origin: "the client")
        self.token = token
        self.retryPolicy = retryPolicy
        // A zero, negative or absurd timeout would fail every request or none.
        self.requestTimeout = requestTimeout.isFinite && requestTimeout > 0 ? min(requestTimeout, 86_400) : 30
        self.progress = progress
        self.performer = performer
        self.random = random
        self.sleep = sleep
        self.now = now
    }

    // MARK: - Captures

    /// `GET /api/v2/sip/captures?sipCallId=...&from=...&to=...&format=...`: the capture of one
    /// call, byte for byte.
    ///
    /// Reports ``VidaProgress/connecting(attempt:)``, ``VidaProgress/receiving(bytes:expected:)``
    /// as the body arrives, and ``VidaProgress/waitingToRetry(seconds:attempt:reason:)``.
    ///
    /// - Parameter window: sent as `from` and `to` (epoch milliseconds); nil sends neither and the
    ///   API searches its default period.
    /// - Throws: ``VidaError/Kind/notFound`` (HTTP 404, RFC 9110 section 15.5.5) naming the
    ///   Call-ID and the window searched; ``VidaError/Kind/undecodableResponse`` for an HTML page;
    ///   any other kind as for every request.
    public func capture(
        callID: String,
        window: CaptureWindow?,
        format: CaptureExportFormat
    ) async throws(VidaError)
        -> CaptureDownload
    {
        var query: [VidaRequest.QueryItem] = [("sipCallId", callID)]
        if let window {
            query.append(("from", String(window.fromMilliseconds)))
            query.append(("to", String(window.toMilliseconds)))
        }
        query.append(("format", format.rawValue))
        var request = VidaRequest(method: .get, path: "/api/v2/sip/captures", query: query, accept: "*/*")
        let callText = VidaResponseBody.printable(callID)
        if let window {
            request.notFoundExplanation =
                "No capture for Call-ID \(callText) between \(RFC3339.string(milliseconds: window.fromMilliseconds)) "
                + "and \(RFC3339.string(milliseconds: window.toMilliseconds)): widen --from/--to "
                + "(or check the Call-ID)."
        } else {
            request.notFoundExplanation =
                "No capture for Call-ID \(callText); no search window was sent, so the API searched its default "
                + "period: give --from/--to around the time of the call (or check the Call-ID)."
        }
        let (delivery, decoder) = try await send(request)
        try decoder.capture(delivery.response)
        return CaptureDownload(
            bytes: delivery.response.body,
            contentType: delivery.response.contentType,
            format: format,
            redactedURL: delivery.redactedURL,
            attempts: delivery.attempts
        )
    }

    // MARK: - IP whitelist

    /// `GET /api/v2/sip/ipWhitelist`: the entries, from `{"success": true, "whitelist": [...]}` as
    /// vida-openapi.json documents, `{"data": [...]}`, or a bare array.
    public func whitelist() async throws(VidaError) -> [WhitelistEntry] {
        let (delivery, decoder) = try await send(VidaRequest(method: .get, path: "/api/v2/sip/ipWhitelist"))
        return try decoder.whitelist(delivery.response)
    }

    /// `POST /api/v2/sip/ipWhitelist` with `{"ip": ..., "label": ...}` (sent once, never retried).
    /// The result carries the whitelist after the change when the API returns it.
    public func addToWhitelist(ip: String, label: String) async throws(VidaError) -> WriteResult {
        try await write(
            .post,
            "/api/v2/sip/ipWhitelist",
            body: ["ip": ip, "label": label],
            defaultMessage: "\(ip) was added to the SIP IP whitelist."
        )
    }

    /// `DELETE /api/v2/sip/ipWhitelist` with `{"ip": ...}` (sent once, never retried).
    public func removeFromWhitelist(ip: String) async throws(VidaError) -> WriteResult {
        try await write(
            .delete,
            "/api/v2/sip/ipWhitelist",
            body: ["ip": ip],
            defaultMessage: "\(ip) was removed from the SIP IP whitelist.",
            notFound: "\(ip) is not on the SIP IP whitelist."
        )
    }

    // MARK: - Outbound routes

    /// `GET /api/v2/sip/outboundRoutes`: the routes, from `{"success": true, "routes": [...]}` as
    /// vida-openapi.json documents, `{"data": [...]}`, or a bare array.
    public func outboundRoutes() async throws(VidaError) -> [String] {
        let (delivery, decoder) = try await send(VidaRequest(method: .get, path: "/api/v2/sip/outboundRoutes"))
        return try decoder.routes(delivery.response)
    }

    /// `POST /api/v2/sip/outboundRoutes` with `{"route": ...}` (sent once, never retried).
    public func addOutboundRoute(_ route: String) async throws(VidaError) -> WriteResult {
        try await write(
            .post,
            "/api/v2/sip/outboundRoutes",
            body: ["route": route],
            defaultMessage: "The outbound route \(route) was added."
        )
    }

    /// `DELETE /api/v2/sip/outboundRoutes` with `{"route": ...}` (sent once, never retried).
    public func removeOutboundRoute(_ route: String) async throws(VidaError) -> WriteResult {
        try await write(
            .delete,
            "/api/v2/sip/outboundRoutes",
            body: ["route": route],
            defaultMessage: "The outbound route \(route) was removed.",
            notFound: "There is no outbound route \(route)."
        )
    }

    // MARK: - Registration

    /// `GET /api/v2/sip/registration`: the registration, or nil when there is none (HTTP 404,
    /// RFC 9110 section 15.5.5, as capture-formats.md section 7 says).
    public func registration() async throws(VidaError) -> Registration? {
        var request = VidaRequest(method: .get, path: "/api/v2/sip/registration", sendsAuthorizationHeader: true)
        request.notFoundMeansAbsent = true
        let (delivery, decoder) = try await send(request)
        return try decoder.registration(delivery.response)
    }

    /// `POST /api/v2/sip/registration` with the request's fields (sent once, never retried):
    /// 200 updated, 201 created (RFC 9110 section 15.3.2).
    ///
    /// - Throws: ``VidaError/Kind/conflict`` (HTTP 409, RFC 9110 section 15.5.10) with the API's
    ///   message, for example "Duplicate AOR".
    public func setRegistration(_ request: RegistrationRequest) async throws(VidaError) -> WriteResult {
        let body: [UInt8]
        do {
            body = Array(try JSONEncoder().encode(request))
        } catch {
            throw VidaError(kind: .configuration, message: "Cannot encode the registration: \(error).")
        }
        return try await write(
            .post,
            "/api/v2/sip/registration",
            encoded: body,
            defaultMessage: "The SIP registration for \(request.aor) was saved.",
            authorization: true
        )
    }

    /// `DELETE /api/v2/sip/registration` (sent once, never retried).
    public func deleteRegistration() async throws(VidaError) -> WriteResult {
        try await write(
            .delete,
            "/api/v2/sip/registration",
            encoded: nil,
            defaultMessage: "The SIP registration was deleted.",
            notFound: "There is no SIP registration to delete.",
            authorization: true
        )
    }

    // MARK: - Redaction

    /// `text` with the token (raw or percent-encoded) and any `token=` query value replaced by
    /// `***`. Everything the client says goes through it; use it too for any text that might
    /// contain a request URL.
    public func redact(_ text: String) -> String {
        VidaRedactor(token: token).redact(text)
    }

    // MARK: - Plumbing

    private var transport: VidaRetryingTransport {
        VidaRetryingTransport(
            builder: VidaRequestBuilder(baseURL: baseURL, token: token, timeout: requestTimeout),
            redactor: VidaRedactor(token: token),
            policy: retryPolicy,
            performer: performer,
            progress: progress,
            random: random,
            sleep: sleep,
            now: now
        )
    }

    private func send(
        _ request: VidaRequest
    ) async throws(VidaError) -> (VidaRetryingTransport.Delivery, VidaResponseDecoder) {
        let transport = self.transport
        let delivery = try await transport.send(request)
        let interpreter = VidaResponseInterpreter(
            request: request,
            redactedURL: delivery.redactedURL,
            baseURL: baseURL,
            redactor: transport.redactor,
            timeout: requestTimeout
        )
        return (delivery, VidaResponseDecoder(interpreter: interpreter))
    }

    private func write(
        _ method: VidaHTTPMethod,
        _ path: String,
        body: [String: String],
        defaultMessage: String,
        notFound: String? = nil
    ) async throws(VidaError) -> WriteResult {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let encoded: [UInt8]
        do {
            encoded = Array(try encoder.encode(body))
        } catch {
            throw VidaError(kind: .configuration, message: "Cannot encode the request: \(error).")
        }
        return try await write(method, path, encoded: encoded, defaultMessage: defaultMessage, notFound: notFound)
    }

    private func write(
        _ method: VidaHTTPMethod,
        _ path: String,
        encoded: [UInt8]?,
        defaultMessage: String,
        notFound: String? = nil,
        authorization: Bool = false
    ) async throws(VidaError) -> WriteResult {
        var request = VidaRequest(method: method, path: path, body: encoded, sendsAuthorizationHeader: authorization)
        request.notFoundExplanation = notFound
        let (delivery, decoder) = try await send(request)
        return try decoder.writeResult(delivery.response, defaultMessage: defaultMessage)
    }
}
