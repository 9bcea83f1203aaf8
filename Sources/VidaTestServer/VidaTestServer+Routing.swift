import Foundation

extension VidaTestServer {
    /// The SIP paths of vida-openapi.json and the methods each accepts.
    enum Endpoint: String, CaseIterable, Sendable {
        case captures = "/api/v2/sip/captures"
        case whitelist = "/api/v2/sip/ipWhitelist"
        case outboundRoutes = "/api/v2/sip/outboundRoutes"
        case registration = "/api/v2/sip/registration"

        /// Accepts a trailing slash, as Express's default (non-strict) routing does.
        init?(path: String) {
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            self.init(rawValue: trimmed)
        }

        var methods: [String] {
            switch self {
            case .captures: ["GET"]
            case .whitelist, .outboundRoutes, .registration: ["GET", "POST", "DELETE"]
            }
        }
    }

    /// 401 for a missing or wrong token. The spec gives no 401 body for the SIP paths; this is the
    /// `{success, message}` shape of their other answers.
    static var unauthorized: HTTPResponse { .failure(401, "Unauthorized") }

    /// Routing in the order an Express app answers: unknown path 404, wrong method 405
    /// (RFC 9110 section 15.5.6, with `Allow`), then authentication, then the endpoint.
    func route(_ request: RecordedRequest) -> HTTPResponse {
        guard let endpoint = Endpoint(path: request.path) else {
            return .failure(404, "Not found")
        }
        guard endpoint.methods.contains(request.method) else {
            return .failure(
                405,
                "Method not allowed",
                headers: [(name: "Allow", value: endpoint.methods.joined(separator: ", "))]
            )
        }
        guard isAuthorized(request, endpoint: endpoint) else { return Self.unauthorized }
        switch endpoint {
        case .captures:
            return captures(request)
        case .whitelist:
            return whitelist(request)
        case .outboundRoutes:
            return outboundRoutes(request)
        case .registration:
            return registration(request)
        }
    }

    /// The `token` query parameter (the spec's `apiKeyAuth`); the registration endpoints also
    /// take the `authorization` header the spec lists for them, bare or as `Bearer <token>`.
    private func isAuthorized(_ request: RecordedRequest, endpoint: Endpoint) -> Bool {
        if request.query("token") == token { return true }
        guard endpoint == .registration, let header = request.header("authorization") else { return false }
        let value = header.trimmingCharacters(in: .whitespaces)
        if value == token { return true }
        if value.lowercased().hasPrefix("bearer ") {
            return value.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces) == token
        }
        return false
    }

    /// The request body as a JSON object: an empty body is an empty object; anything that is not
    /// a JSON object is a 400.
    func jsonBody(_ request: RecordedRequest) -> Result<[String: Any], JSONBodyError> {
        if request.body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return .success([:])
        }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(request.body)) else {
            return .failure(JSONBodyError(response: .failure(400, "Malformed JSON body")))
        }
        guard let object = parsed as? [String: Any] else {
            return .failure(JSONBodyError(response: .failure(400, "JSON body must be an object")))
        }
        return .success(object)
    }

    /// A string field of the body or, failing that, the query parameter of the same name (the
    /// spec puts DELETE's `ip` and `route` in a body, which some clients cannot send).
    func field(_ name: String, in object: [String: Any], or request: RecordedRequest) -> String? {
        if let value = object[name] as? String { return value }
        return request.query(name)
    }
}
