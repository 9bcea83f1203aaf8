import Foundation
import Glibc

extension VidaTestServer {
    /// `GET/POST/DELETE /api/v2/sip/ipWhitelist` with the spec's bodies: the list under
    /// `whitelist`, POST answered 201 with the whole list, DELETE 200; a duplicate, unknown or
    /// invalid IP is a 400 (the only error status the spec lists besides 401).
    func whitelist(_ request: RecordedRequest) -> HTTPResponse {
        switch request.method {
        case "GET":
            let list = state.withLock { $0.whitelist }.map(\.json)
            return .json(200, ["success": true, "message": "Success", "whitelist": list])
        case "POST":
            let object: [String: Any]
            switch jsonBody(request) {
            case .success(let parsed): object = parsed
            case .failure(let error): return error.response
            }
            guard let ip = object["ip"] as? String, !ip.isEmpty else {
                return .failure(400, "ip is required")
            }
            guard let label = object["label"] as? String, !label.isEmpty else {
                return .failure(400, "label is required")
            }
            guard Self.isIPAddress(ip) else { return .failure(400, "Invalid IP address") }
            let timestamp = Int64(Date().timeIntervalSince1970)
            let records = state.withLock { state -> [WhitelistRecord]? in
                guard !state.whitelist.contains(where: { $0.ip == ip }) else { return nil }
                state.whitelist.append(WhitelistRecord(ip: ip, label: label, timestamp: timestamp))
                return state.whitelist
            }
            guard let records else { return .failure(400, "IP already exists in whitelist") }
            return .json(
                201,
                ["success": true, "message": "IP entry created successfully", "whitelist": records.map(\.json)]
            )
        default:
            let object: [String: Any]
            switch jsonBody(request) {
            case .success(let parsed): object = parsed
            case .failure(let error): return error.response
            }
            guard let ip = field("ip", in: object, or: request), !ip.isEmpty else {
                return .failure(400, "ip is required")
            }
            let removed = state.withLock { state -> Bool in
                guard let index = state.whitelist.firstIndex(where: { $0.ip == ip }) else { return false }
                state.whitelist.remove(at: index)
                return true
            }
            guard removed else { return .failure(400, "IP not found in whitelist") }
            return .json(200, ["success": true, "message": "IP entry deleted successfully"])
        }
    }

    /// IPv4 dotted quad or IPv6, as `inet_pton` reads them.
    static func isIPAddress(_ text: String) -> Bool {
        var scratch = in6_addr()
        return inet_pton(AF_INET, text, &scratch) == 1 || inet_pton(AF_INET6, text, &scratch) == 1
    }
}
