import Foundation

extension VidaTestServer {
    /// `GET/POST/DELETE /api/v2/sip/registration` (capture-formats.md section 7):
    /// - GET: 200 `{"success":true,"registration":{...}}` without the password, 404 when none;
    /// - POST: 201 created or 200 replaced with `{"success":true,"message":...}`; 400 when `aor`,
    ///   `username` or `password` is missing or a field has the wrong type; 409 "Duplicate AOR"
    ///   for an AOR given to ``reserveAOR(_:)``;
    /// - DELETE: 200 "Registration deleted successfully", 404 when none.
    func registration(_ request: RecordedRequest) -> HTTPResponse {
        switch request.method {
        case "GET":
            guard let registration = state.withLock({ $0.registration }) else {
                return .failure(404, "No registration found")
            }
            return .json(200, ["success": true, "registration": registration.publicJSON])
        case "POST":
            let object: [String: Any]
            switch jsonBody(request) {
            case .success(let parsed): object = parsed
            case .failure(let error): return error.response
            }
            let record: RegistrationRecord
            switch Self.registrationRecord(object) {
            case .success(let parsed): record = parsed
            case .failure(let error): return error.response
            }
            let outcome = state.withLock { state -> Int in
                if state.reservedAORs.contains(record.aor) { return 409 }
                let replaced = state.registration != nil
                state.registration = record
                return replaced ? 200 : 201
            }
            switch outcome {
            case 409: return .failure(409, "Duplicate AOR")
            case 200: return .json(200, ["success": true, "message": "Registration updated successfully"])
            default: return .json(201, ["success": true, "message": "Registration created successfully"])
            }
        default:
            let deleted = state.withLock { state -> Bool in
                guard state.registration != nil else { return false }
                state.registration = nil
                return true
            }
            guard deleted else { return .failure(404, "No registration found") }
            return .json(200, ["success": true, "message": "Registration deleted successfully"])
        }
    }

    /// Checks a POST body; transport defaults to UDP and port to 5060 as the API's do.
    private static func registrationRecord(_ object: [String: Any]) -> Result<RegistrationRecord, JSONBodyError> {
        func bad(_ message: String) -> Result<RegistrationRecord, JSONBodyError> {
            .failure(JSONBodyError(response: .failure(400, message)))
        }
        guard let aor = object["aor"] as? String, !aor.isEmpty,
            let username = object["username"] as? String, !username.isEmpty,
            let password = object["password"] as? String, !password.isEmpty
        else {
            return bad("aor, username and password are required")
        }
        for name in ["authUsername", "sipRealm", "proxy"] where object[name] != nil && !(object[name] is String) {
            return bad("\(name) must be a string")
        }
        var port = 5060
        if let value = object["port"] {
            guard let number = Self.integer(value), (1...65535).contains(number) else {
                return bad("port must be a number between 1 and 65535")
            }
            port = number
        }
        var transport = "UDP"
        if let value = object["transport"] {
            guard let text = value as? String, ["UDP", "TCP", "TLS"].contains(text.uppercased()) else {
                return bad("transport must be UDP, TCP or TLS")
            }
            transport = text.uppercased()
        }
        var subscribe = false
        if let value = object["subscribe"] {
            guard let flag = Self.boolean(value) else { return bad("subscribe must be a boolean") }
            subscribe = flag
        }
        return .success(
            RegistrationRecord(
                aor: aor,
                username: username,
                authUsername: object["authUsername"] as? String,
                password: password,
                sipRealm: object["sipRealm"] as? String,
                proxy: object["proxy"] as? String,
                port: port,
                transport: transport,
                subscribe: subscribe
            )
        )
    }

    /// A JSON number with no fraction, or a string of digits (as a form would send it).
    private static func integer(_ value: Any) -> Int? {
        if let text = value as? String { return Int(text) }
        guard let number = value as? NSNumber, !isBoolean(number) else { return nil }
        let double = number.doubleValue
        guard double.rounded() == double, abs(double) < 1e9 else { return nil }
        return Int(double)
    }

    /// A JSON boolean, or the strings `true`/`false`.
    private static func boolean(_ value: Any) -> Bool? {
        if let text = value as? String {
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        }
        guard let number = value as? NSNumber, isBoolean(number) else { return nil }
        return number.boolValue
    }

    /// JSON `true`/`false` come back as NSNumbers of ObjC type `c` (char); JSON 0 and 1 as `i`,
    /// and `is Bool` cannot tell them apart on Linux.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
