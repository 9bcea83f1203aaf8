public import Foundation
import SIPCapture

/// The account file: the payloads of the three GET responses of the API under one object, so
/// that a user can save (`sipdiag check --save-account`) and edit it:
///
///     {"whitelist": [{"ip": "198.51.100.4", "label": "Office PBX"}],
///      "routes": ["203.0.113.10:5060;transport=udp"],
///      "registration": {"aor": "1001@sip.example.com", "username": "1001",
///                       "proxy": "sip.example.com:5061", "transport": "TLS"},
///      "platform": ["198.51.100.20"]}
///
/// Any part may be absent; unknown fields are ignored, and so is any password.
extension AccountConfig {
    /// Reads an account file.
    ///
    /// - Throws: ``AccountConfigError`` naming the field (`whitelist[1].ip`) or the syntax error.
    public static func decode(_ data: Data) throws(AccountConfigError) -> AccountConfig {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw AccountConfigError(path: "", message: "not valid JSON" + (detail.map { " (\($0))" } ?? ""))
        }
        guard let object = root as? [String: Any] else {
            throw AccountConfigError(
                path: "",
                message:
                    "expected an object with \"whitelist\", \"routes\" and \"registration\", found \(kind(of: root))"
            )
        }
        var config = AccountConfig()
        if let value = present(object["whitelist"]) {
            config.whitelist = try list(value, at: "whitelist").enumerated().map {
                index,
                item throws(AccountConfigError) in
                try whitelistItem(item, at: "whitelist[\(index)]")
            }
        }
        if let value = present(object["routes"]) {
            config.routes = try list(value, at: "routes").enumerated().map { index, item throws(AccountConfigError) in
                try RouteTarget(string(item, at: "routes[\(index)]"))
            }
        }
        if let value = present(object["registration"]) {
            config.registration = try registration(value, at: "registration")
        }
        if let value = present(object["platform"]) {
            config.platformAddresses = try list(value, at: "platform").enumerated().map {
                index,
                item throws(AccountConfigError) in
                try string(item, at: "platform[\(index)]")
            }
        }
        return config
    }

    /// The account file for this configuration: stable key order, two-space indent, a final
    /// newline. Never holds a password (sipdiag does not keep one).
    public func encoded() -> Data {
        var object: [String: Any] = [:]
        if let whitelist {
            object["whitelist"] = whitelist.map { item -> [String: Any] in
                var entry: [String: Any] = ["ip": item.ip]
                if let label = item.label { entry["label"] = label }
                if let port = item.port, !item.ip.hasSuffix(":\(port)") { entry["port"] = port }
                if let transport = item.transport { entry["transport"] = transport.rawValue.uppercased() }
                return entry
            }
        }
        if let routes { object["routes"] = routes.map(\.text) }
        if let registration {
            var entry: [String: Any] = ["aor": registration.aor]
            if let value = registration.username { entry["username"] = value }
            if let value = registration.authUsername { entry["authUsername"] = value }
            if let value = registration.realm { entry["sipRealm"] = value }
            if let value = registration.proxy { entry["proxy"] = value }
            if let value = registration.port { entry["port"] = value }
            if let value = registration.transport { entry["transport"] = value }
            object["registration"] = entry
        }
        if !platformAddresses.isEmpty { object["platform"] = platformAddresses }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )) ?? Data("{}".utf8)
        return data + Data("\n".utf8)
    }

    // MARK: - Fields

    private static func whitelistItem(_ value: Any, at path: String) throws(AccountConfigError) -> WhitelistItem {
        // The API's own list is of objects; a bare address is accepted too, as people write it.
        if let text = value as? String { return WhitelistItem(ip: text) }
        guard let object = value as? [String: Any] else {
            throw AccountConfigError(
                path: path,
                message: "expected an object like {\"ip\": \"198.51.100.4\"}, found \(kind(of: value))"
            )
        }
        guard let ipValue = present(object["ip"]) else {
            throw AccountConfigError(path: path + ".ip", message: "missing: every whitelist entry needs an address")
        }
        let ip = try string(ipValue, at: path + ".ip")
        let label = try present(object["label"]).map { value throws(AccountConfigError) in
            try string(value, at: path + ".label")
        }
        let port = try present(object["port"]).map { value throws(AccountConfigError) in
            try integer(value, at: path + ".port")
        }
        var transport: SIPTransportName?
        if let value = present(object["transport"]) {
            let name = try string(value, at: path + ".transport")
            guard let known = SIPTransportName(name) else {
                throw AccountConfigError(path: path + ".transport", message: "\"\(name)\" is not one of UDP, TCP, TLS")
            }
            transport = known
        }
        return WhitelistItem(ip: ip, label: label, port: port, transport: transport?.transport)
    }

    private static func registration(_ value: Any, at path: String) throws(AccountConfigError) -> RegistrationSettings {
        guard let object = value as? [String: Any] else {
            throw AccountConfigError(path: path, message: "expected an object with \"aor\", found \(kind(of: value))")
        }
        func text(_ key: String) throws(AccountConfigError) -> String? {
            try present(object[key]).map { value throws(AccountConfigError) in try string(value, at: "\(path).\(key)") }
        }
        // The API names it sipRealm; people write realm.
        func realm() throws(AccountConfigError) -> String? {
            if let value = try text("sipRealm") { return value }
            return try text("realm")
        }
        guard let aor = try text("aor") else {
            throw AccountConfigError(
                path: path + ".aor",
                message: "missing: a registration needs its address of record"
            )
        }
        let port = try present(object["port"]).map { value throws(AccountConfigError) in
            try integer(value, at: path + ".port")
        }
        return RegistrationSettings(
            aor: aor,
            username: try text("username"),
            authUsername: try text("authUsername"),
            realm: try realm(),
            proxy: try text("proxy"),
            port: port,
            transport: try text("transport")
        )
    }

    // MARK: - JSON values

    /// `nil` for an absent key and for JSON `null`.
    private static func present(_ value: Any?) -> Any? {
        guard let value, !(value is NSNull) else { return nil }
        return value
    }

    private static func list(_ value: Any, at path: String) throws(AccountConfigError) -> [Any] {
        guard let array = value as? [Any] else {
            throw AccountConfigError(path: path, message: "expected a list, found \(kind(of: value))")
        }
        return array
    }

    private static func string(_ value: Any, at path: String) throws(AccountConfigError) -> String {
        guard let text = value as? String else {
            throw AccountConfigError(path: path, message: "expected a string, found \(kind(of: value))")
        }
        return text
    }

    private static func integer(_ value: Any, at path: String) throws(AccountConfigError) -> Int {
        if let text = value as? String, let number = Int(text) { return number }
        guard let number = value as? NSNumber, !isBoolean(number), let exact = Int(exactly: number.doubleValue) else {
            throw AccountConfigError(path: path, message: "expected a whole number, found \(kind(of: value))")
        }
        return exact
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // swift-corelibs-foundation boxes JSON true and false in a private NSNumber subclass.
        String(describing: type(of: number)).contains("Boolean")
    }

    private static func kind(of value: Any) -> String {
        switch value {
        case is String: "a string"
        case is [Any]: "a list"
        case is [String: Any]: "an object"
        case is NSNull: "null"
        case let number as NSNumber: isBoolean(number) ? "a boolean" : "the number \(number)"
        default: "a value of another kind"
        }
    }
}

/// A transport written in an account file, any case.
private struct SIPTransportName {
    var transport: SIPTransport

    init?(_ text: String) {
        guard let transport = SIPTransport(rawValue: text.lowercased()), [.udp, .tcp, .tls].contains(transport) else {
            return nil
        }
        self.transport = transport
    }
}
