import SIPReport
import VidaAPI

/// The fields `sipdiag registration set` was given, checked before anything is sent, and how
/// they combine with the registration already configured.
struct RegistrationFields {
    var aor: String?
    var username: String?
    var authUsername: String?
    var password: String?
    var realm: String?
    var proxy: String?
    var port: Int?
    var transport: String?
    var subscribe: Bool?

    init() {}

    init(_ parsed: ParsedArguments, environment: [String: String]) throws(UsageError) {
        if let aor = parsed.value("--aor") {
            self.aor = try Self.checkAOR(aor)
        }
        username = try parsed.value("--username").map { text throws(UsageError) in
            try Self.checkToken(text, "--username")
        }
        authUsername = try parsed.value("--auth-username").map { text throws(UsageError) in
            try Self.checkToken(text, "--auth-username")
        }
        realm = try parsed.value("--realm").map { text throws(UsageError) in try Self.checkToken(text, "--realm") }
        if let proxy = parsed.value("--proxy") {
            let route: OutboundRoute
            do throws(VidaError) {
                route = try VidaValidation.checkRoute(proxy)
            } catch {
                throw UsageError("--proxy: \(error.message)")
            }
            guard route.transport == nil else {
                throw UsageError("--proxy takes host[:port]; give the transport with --transport")
            }
            self.proxy = route.description
        }
        if let text = parsed.value("--port") {
            guard let port = Int(text), (1...65535).contains(port) else {
                throw UsageError("--port '\(text)' is not a port number (1 to 65535)")
            }
            self.port = port
        }
        transport = parsed.value("--transport")?.uppercased()
        if parsed.has("--subscribe") && parsed.has("--no-subscribe") {
            throw UsageError("--subscribe and --no-subscribe contradict each other")
        }
        if parsed.has("--subscribe") { subscribe = true }
        if parsed.has("--no-subscribe") { subscribe = false }
        if let file = parsed.value("--password-file") {
            guard let text = LadderArguments.readText(file) else {
                throw UsageError("cannot read the password file \(file)")
            }
            password = String(
                text.drop { $0 == " " }.reversed().drop { $0 == "\n" || $0 == "\r" || $0 == " " }.reversed()
            )
            guard password?.isEmpty == false else { throw UsageError("the password file \(file) is empty") }
        } else if let text = environment["SIPDIAG_SIP_PASSWORD"], !text.isEmpty {
            password = text
        }
    }

    /// The request: the given fields over the current registration's.
    func request(over current: Registration?) throws(UsageError) -> RegistrationRequest {
        guard let aor = aor ?? current?.aor else {
            throw UsageError("no registration is configured yet: 'set' needs --aor <user@domain>")
        }
        // The API takes the whole registration, password included, and does not give the
        // stored password back: it must be given every time.
        guard let password else {
            throw UsageError("'set' needs the digest password: --password-file <path> or SIPDIAG_SIP_PASSWORD")
        }
        return RegistrationRequest(
            aor: aor,
            username: username ?? current?.username ?? String(aor.prefix { $0 != "@" }),
            authUsername: authUsername ?? current?.authUsername,
            password: password,
            sipRealm: realm ?? current?.sipRealm,
            proxy: proxy ?? current?.proxy,
            port: port ?? current?.port,
            transport: transport ?? current?.transport,
            subscribe: subscribe ?? current?.subscribe
        )
    }

    /// Combinations that are probably wrong but that the API accepts (RFC 3261 section 19.1.2:
    /// 5060 is the port of UDP and TCP, 5061 of TLS).
    static func warnings(_ request: RegistrationRequest) -> [String] {
        var warnings: [String] = []
        let transport = request.transport?.uppercased() ?? "UDP"
        let ports = [request.port] + [request.proxy.flatMap { try? VidaValidation.checkRoute($0).port }]
        for case let port? in ports {
            if transport == "TLS", port == 5060 {
                warnings.append("TLS on port 5060, the port of UDP and TCP: TLS usually listens on 5061")
            }
            if transport != "TLS", port == 5061 {
                warnings.append("\(transport) on port 5061, the port of TLS: UDP and TCP usually use 5060")
            }
        }
        if let domain = request.aor.split(separator: "@").last, let realm = request.sipRealm,
            realm.lowercased() != domain.lowercased()
        {
            warnings.append(
                "the realm \(realm) differs from the AOR's domain \(domain): check it against the registrar's challenge"
            )
        }
        return Array(Set(warnings)).sorted()
    }

    /// One field of a registration: its name in the text table, its key in JSON, its value.
    struct Field {
        var name: String
        var key: String
        var value: String
        var json: JSONValue
    }

    static func describe(_ registration: Registration) -> [Field] {
        var fields = [Field(name: "AOR", key: "aor", value: registration.aor, json: .string(registration.aor))]
        func add(_ name: String, _ key: String, _ value: String?) {
            fields.append(Field(name: name, key: key, value: value ?? "(not set)", json: .string(value)))
        }
        add("Username", "username", registration.username)
        add("Auth username", "authUsername", registration.authUsername)
        add("Realm", "sipRealm", registration.sipRealm)
        add("Proxy", "proxy", registration.proxy)
        fields.append(
            Field(
                name: "Port",
                key: "port",
                value: registration.port.map(String.init) ?? "(not set)",
                json: .integer(registration.port)
            )
        )
        add("Transport", "transport", registration.transport)
        fields.append(
            Field(
                name: "Subscribe",
                key: "subscribe",
                value: registration.subscribe.map { $0 ? "yes" : "no" } ?? "(not set)",
                json: registration.subscribe.map(JSONValue.bool) ?? .null
            )
        )
        return fields
    }

    /// `proxy: sip.example.com:5060 -> sip.example.com:5061`, one line per field that differs.
    static func changes(from before: Registration?, to after: Registration?) -> [String] {
        let old = before.map(describe) ?? []
        let new = after.map(describe) ?? []
        var lines: [String] = []
        for field in new {
            let previous = old.first { $0.key == field.key }?.value ?? "(none)"
            // A new registration lists what it has, not every field it lacks.
            let unsetInNew = before == nil && field.value == "(not set)"
            if previous != field.value, !unsetInNew { lines.append("\(field.key): \(previous) -> \(field.value)") }
        }
        if after == nil, before != nil { lines.append("registration of \(before?.aor ?? ""): deleted") }
        return lines
    }

    static func changes(from before: Registration, to request: RegistrationRequest) -> [String] {
        changes(from: before, to: Registration(request))
    }

    /// `user@domain` (a `sip:` or `sips:` prefix is dropped), the domain a valid host.
    static func checkAOR(_ text: String) throws(UsageError) -> String {
        var aor = Substring(text)
        for scheme in ["sip:", "sips:"] where aor.lowercased().hasPrefix(scheme) { aor = aor.dropFirst(scheme.count) }
        let parts = aor.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, (try? VidaValidation.checkRoute(String(parts[1]))) != nil,
            parts[0].allSatisfy({ $0.isASCII && !$0.isWhitespace })
        else {
            throw UsageError("--aor '\(text)' is not an address of record: give user@domain (1001@sip.example.com)")
        }
        return String(aor)
    }

    /// A field without spaces or control characters, as SIP tokens and quoted digest values are.
    static func checkToken(_ text: String, _ option: String) throws(UsageError) -> String {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            throw UsageError("\(option) '\(text)' must be non-empty, without spaces or control characters")
        }
        return text
    }
}

extension Registration {
    /// What the registration will read as once `request` is applied.
    init(_ request: RegistrationRequest) {
        self.init(
            aor: request.aor,
            username: request.username,
            authUsername: request.authUsername,
            sipRealm: request.sipRealm,
            proxy: request.proxy,
            port: request.port,
            transport: request.transport,
            subscribe: request.subscribe
        )
    }
}
