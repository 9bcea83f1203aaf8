import Foundation

extension VidaTestServer {
    /// `GET/POST/DELETE /api/v2/sip/outboundRoutes` with the spec's bodies: route strings under
    /// `routes`, the request field `route`; POST answered 201 with the whole list, DELETE 200; a
    /// missing, duplicate or unknown route is a 400. Routes are stored as sent: checking their
    /// syntax is the client's job (`VidaValidation.checkRoute`).
    func outboundRoutes(_ request: RecordedRequest) -> HTTPResponse {
        if request.method == "GET" {
            let routes = state.withLock { $0.routes }
            return .json(200, ["success": true, "message": "Success", "routes": routes])
        }
        let object: [String: Any]
        switch jsonBody(request) {
        case .success(let parsed): object = parsed
        case .failure(let error): return error.response
        }
        let sent = request.method == "POST" ? object["route"] as? String : field("route", in: object, or: request)
        guard let route = sent?.trimmingCharacters(in: .whitespaces), !route.isEmpty else {
            return .failure(400, "route is required")
        }
        if request.method == "POST" {
            let routes = state.withLock { state -> [String]? in
                guard !state.routes.contains(route) else { return nil }
                state.routes.append(route)
                return state.routes
            }
            guard let routes else { return .failure(400, "Route already exists") }
            return .json(201, ["success": true, "message": "Route added successfully", "routes": routes])
        }
        let removed = state.withLock { state -> Bool in
            guard let index = state.routes.firstIndex(of: route) else { return false }
            state.routes.remove(at: index)
            return true
        }
        guard removed else { return .failure(400, "Route not found") }
        return .json(200, ["success": true, "message": "Route removed successfully"])
    }
}
