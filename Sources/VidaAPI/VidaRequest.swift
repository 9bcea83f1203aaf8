import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One call to a SIP endpoint, before the token and the base URL are added: what
/// ``VidaRequestBuilder`` turns into a `URLRequest`.
struct VidaRequest: Sendable {
    /// Query parameters in the order they are sent.
    typealias QueryItem = (name: String, value: String)

    var method: VidaHTTPMethod
    /// The path under the base URL, starting with `/api/v2/sip/`.
    var path: String
    var query: [QueryItem]
    /// A JSON body (POST and DELETE with a body), already encoded.
    var body: [UInt8]?
    /// The registration endpoint also takes the token in an `authorization` header
    /// (vida-openapi.json, `POST /api/v2/sip/registration`).
    var sendsAuthorizationHeader: Bool
    /// What the endpoint answers with: JSON for the configuration endpoints, anything for captures.
    var accept: String
    /// Whether a 404 is an answer ("there is none", `GET /api/v2/sip/registration`) rather than
    /// an error.
    var notFoundMeansAbsent = false
    /// What a 404 means for this request, in words for the user (for example which capture
    /// window was searched).
    var notFoundExplanation: String?

    init(
        method: VidaHTTPMethod,
        path: String,
        query: [QueryItem] = [],
        body: [UInt8]? = nil,
        sendsAuthorizationHeader: Bool = false,
        accept: String = "application/json"
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.sendsAuthorizationHeader = sendsAuthorizationHeader
        self.accept = accept
    }

    /// `METHOD /path`, for messages.
    var summary: String { "\(method.rawValue) \(path)" }

    // MARK: - Percent-encoding

    /// RFC 3986 section 2.3 unreserved characters: the only ones sent unencoded in a query value,
    /// so that `+`, `&`, `=` and `;` in a Call-ID or a token reach the server as themselves.
    private static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return set
    }()

    static func percentEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}

/// Builds the `URLRequest` of a ``VidaRequest``: the token as the `token` query parameter
/// (`components.securitySchemes.apiKeyAuth` in vida-openapi.json) and, for the registration
/// endpoint, as the `authorization` header; and the same URL with the token replaced by `***`.
struct VidaRequestBuilder: Sendable {
    let baseURL: URL
    let token: VidaToken
    let timeout: Double

    /// The URL with `tokenValue` as the token parameter, or nil when the pieces do not make a URL.
    private func urlString(_ request: VidaRequest, tokenValue: String) -> String {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var pairs = request.query.map { VidaRequest.percentEncode($0.name) + "=" + VidaRequest.percentEncode($0.value) }
        pairs.append("token=" + tokenValue)
        return base + request.path + "?" + pairs.joined(separator: "&")
    }

    /// The URL safe to print: the token parameter reads `token=***`.
    func redactedURL(_ request: VidaRequest) -> String {
        urlString(request, tokenValue: "***")
    }

    /// The request to send, or nil when the URL cannot be formed (it always can from a base URL
    /// that passed ``VidaCredentials/checkBaseURL(_:origin:)``).
    func urlRequest(_ request: VidaRequest) -> URLRequest? {
        guard let url = URL(string: urlString(request, tokenValue: VidaRequest.percentEncode(token.secret))) else {
            return nil
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.setValue(request.accept, forHTTPHeaderField: "Accept")
        urlRequest.setValue("sipdiag", forHTTPHeaderField: "User-Agent")
        if request.sendsAuthorizationHeader {
            urlRequest.setValue(token.secret, forHTTPHeaderField: "authorization")
        }
        if let body = request.body {
            urlRequest.httpBody = Data(body)
            urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        return urlRequest
    }
}
