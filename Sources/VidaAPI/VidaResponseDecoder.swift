import Foundation

/// Reads the body of a successful response for each endpoint, tolerating unknown fields and the
/// envelopes different server versions use, and explaining a body that is not what the endpoint
/// promised (``VidaError/Kind/undecodableResponse``) or that says `"success": false`
/// (``VidaError/Kind/badRequest``).
struct VidaResponseDecoder: Sendable {
    let interpreter: VidaResponseInterpreter

    // MARK: - Endpoints

    /// `GET /api/v2/sip/captures`: the bytes as they are, unless they are plainly not a capture
    /// (an HTML page) or the API's JSON refusal.
    func capture(_ response: VidaHTTPResponse) throws(VidaError) {
        let body = VidaResponseBody(response)
        if body.isHTML {
            throw undecodable(
                response,
                "an HTML page instead of a capture (a proxy, a login page, or the wrong --api-url?)"
            )
        }
        try checkSuccessFlag(response, body)
    }

    /// `GET /api/v2/sip/ipWhitelist`.
    func whitelist(_ response: VidaHTTPResponse) throws(VidaError) -> [WhitelistEntry] {
        let body = try json(response)
        guard let entries = try list(WhitelistEntry.self, key: "whitelist", response, body) else {
            throw undecodable(response, "JSON without a \"whitelist\" list (\(keys(body)))")
        }
        return entries
    }

    /// `GET /api/v2/sip/outboundRoutes`.
    func routes(_ response: VidaHTTPResponse) throws(VidaError) -> [String] {
        let body = try json(response)
        guard let routes = try list(VidaRouteItem.self, key: "routes", response, body) else {
            throw undecodable(response, "JSON without a \"routes\" list (\(keys(body)))")
        }
        return routes.map(\.route)
    }

    /// `GET /api/v2/sip/registration`: nil on 404 (there is none) or an empty `registration`.
    func registration(_ response: VidaHTTPResponse) throws(VidaError) -> Registration? {
        if response.statusCode == 404 { return nil }
        let body = try json(response)
        let envelope: VidaRegistrationEnvelope
        do {
            envelope = try JSONDecoder().decode(VidaRegistrationEnvelope.self, from: Data(response.body))
        } catch {
            throw undecodable(response, "a registration that cannot be read (\(Self.describe(error)))")
        }
        guard envelope.recognised else {
            throw undecodable(response, "JSON without a \"registration\" object (\(keys(body)))")
        }
        return envelope.registration
    }

    /// A POST or DELETE: the message, and the list after the change when the response has one.
    /// An empty body is accepted (some versions answer 204 or nothing); HTML is not.
    func writeResult(_ response: VidaHTTPResponse, defaultMessage: String) throws(VidaError) -> WriteResult {
        let body = VidaResponseBody(response)
        if body.isHTML {
            throw undecodable(response, "an HTML page instead of JSON (a proxy, a login page, or the wrong --api-url?)")
        }
        let isBlank = response.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if isBlank { return WriteResult(statusCode: response.statusCode, message: defaultMessage) }
        guard let json = body.json else {
            throw undecodable(response, "a body that is not JSON")
        }
        try checkSuccessFlag(response, body)
        let whitelist =
            json["whitelist"] == nil ? nil : try? list(WhitelistEntry.self, key: "whitelist", response, json)
        let routes =
            json["routes"] == nil ? nil : (try? list(VidaRouteItem.self, key: "routes", response, json))?.map(\.route)
        return WriteResult(
            statusCode: response.statusCode,
            message: body.message.map(interpreter.redactor.redact) ?? defaultMessage,
            whitelist: whitelist ?? nil,
            routes: routes ?? nil
        )
    }

    // MARK: - Helpers

    /// The body as JSON, its `success` flag checked.
    private func json(_ response: VidaHTTPResponse) throws(VidaError) -> JSONValue {
        let body = VidaResponseBody(response)
        if body.isHTML {
            throw undecodable(response, "an HTML page instead of JSON (a proxy, a login page, or the wrong --api-url?)")
        }
        guard let json = body.json else { throw undecodable(response, "a body that is not JSON") }
        try checkSuccessFlag(response, body)
        return json
    }

    /// A 200 whose body says `"success": false` is a refusal, whatever the status says.
    private func checkSuccessFlag(_ response: VidaHTTPResponse, _ body: VidaResponseBody) throws(VidaError) {
        guard body.success == false else { return }
        throw interpreter.make(
            .badRequest,
            response.statusCode,
            "The Vida API refused the request: \"\(body.message ?? "no reason given")\" "
                + "(\(HTTPStatusName.text(response.statusCode)) with \"success\": false)."
        )
    }

    private func list<Element: Decodable & Sendable>(
        _ type: Element.Type,
        key: String,
        _ response: VidaHTTPResponse,
        _ body: JSONValue
    ) throws(VidaError) -> [Element]? {
        let decoder = JSONDecoder()
        if let info = VidaListEnvelope<Element>.keyInfo { decoder.userInfo[info] = key }
        do {
            return try decoder.decode(VidaListEnvelope<Element>.self, from: Data(response.body)).items
        } catch {
            throw undecodable(response, "a \"\(key)\" list that cannot be read (\(Self.describe(error)))")
        }
    }

    private func keys(_ body: JSONValue) -> String {
        if let keys = body.objectKeys {
            return keys.isEmpty ? "an empty object" : "its keys: " + keys.prefix(12).joined(separator: ", ")
        }
        if case .array = body { return "an array of something else" }
        return "not an object"
    }

    private func undecodable(_ response: VidaHTTPResponse, _ what: String) -> VidaError {
        let body = VidaResponseBody(response)
        return interpreter.make(
            .undecodableResponse,
            response.statusCode,
            "The Vida API answered \(HTTPStatusName.text(response.statusCode)) with \(what); "
                + "\(body.contentTypeDescription), it began with \(body.preview())."
        )
    }

    /// A decoding error in a few words: which field, what went wrong.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context): return "\(path(context)) is not valid"
        @unknown default: return "\(error)"
        }
    }
}
