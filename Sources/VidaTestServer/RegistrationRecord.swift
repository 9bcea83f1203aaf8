/// The stored SIP registration (capture-formats.md section 7). The password is kept for
/// ``VidaTestServer/registrationPassword`` but never returned by `GET`.
struct RegistrationRecord: Sendable, Equatable {
    var aor: String
    var username: String
    var authUsername: String?
    var password: String
    var sipRealm: String?
    var proxy: String?
    var port: Int
    var transport: String
    var subscribe: Bool

    /// The `GET` shape: everything but the password.
    var publicJSON: [String: Any] {
        var object: [String: Any] = [
            "aor": aor,
            "username": username,
            "port": port,
            "transport": transport,
            "subscribe": subscribe,
        ]
        if let authUsername { object["authUsername"] = authUsername }
        if let sipRealm { object["sipRealm"] = sipRealm }
        if let proxy { object["proxy"] = proxy }
        return object
    }
}
