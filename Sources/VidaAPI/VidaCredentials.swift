public import Foundation

/// Finds the token and the API's base URL from the command line, the environment and the config
/// file `~/.config/sipdiag/config.json` (`{"token": "...", "apiUrl": "..."}`, both optional), in
/// that order of precedence.
///
/// Files holding the token must not be readable by the group or others: a token file or config
/// file with such a mode is refused with the mode and the `chmod 600` that fixes it, as OpenSSH
/// does for private keys.
public enum VidaCredentials {
    /// The default API root, from `servers` in vida-openapi.json.
    public static let defaultBaseURL = "https://api.vida.dev"

    /// The config file's path under a home directory.
    public static func configFilePath(homeDirectory: String) -> String {
        (homeDirectory.hasSuffix("/") ? homeDirectory : homeDirectory + "/") + ".config/sipdiag/config.json"
    }

    /// The token: `--token-file PATH`, else `VIDA_API_TOKEN`, else the config file's `"token"`.
    /// An empty `VIDA_API_TOKEN` counts as unset.
    ///
    /// - Throws: ``VidaError/Kind/configuration`` when a file cannot be read, is readable by
    ///   others, is not valid JSON, or when no token is found anywhere (the message lists the three
    ///   ways to give one).
    public static func resolve(
        tokenFile: String?,
        environment: [String: String],
        homeDirectory: String
    ) throws(VidaError) -> (token: VidaToken, source: VidaTokenSource) {
        if let tokenFile {
            let text = try readPrivateFile(tokenFile, what: "token file")
            do {
                return (try VidaToken(text), .tokenFile(tokenFile))
            } catch {
                throw VidaError(kind: .configuration, message: "The token file \(tokenFile): \(error.message)")
            }
        }
        if let value = environment["VIDA_API_TOKEN"], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                return (try VidaToken(value), .environment)
            } catch {
                throw VidaError(kind: .configuration, message: "VIDA_API_TOKEN: \(error.message)")
            }
        }
        let configPath = configFilePath(homeDirectory: homeDirectory)
        if let config = try readConfig(configPath), let token = config.token {
            do {
                return (try VidaToken(token), .configFile(configPath))
            } catch {
                throw VidaError(kind: .configuration, message: "The \"token\" in \(configPath): \(error.message)")
            }
        }
        throw VidaError(
            kind: .configuration,
            message: """
                No Vida API token was found. Give it in one of three ways:
                  --token-file PATH            a file holding only the token (chmod 600 PATH)
                  VIDA_API_TOKEN=...           an environment variable
                  \(configPath)   {"token": "..."} (chmod 600 \(configPath))
                The token is on the API page of the Vida dashboard.
                """
        )
    }

    /// The API's base URL: `--api-url`, else `VIDA_API_URL`, else the config file's `"apiUrl"`,
    /// else `https://api.vida.dev`.
    ///
    /// The URL (RFC 3986) must be absolute `https`, or `http` to a loopback host only
    /// (127.0.0.0/8, `::1`, `localhost`) so that the token never crosses a network in clear text.
    /// It may carry a path prefix (a proxy); it may not carry user information, a query or a
    /// fragment.
    public static func baseURL(
        option: String?,
        environment: [String: String],
        homeDirectory: String
    ) throws(VidaError) -> URL {
        if let option {
            return try checkBaseURL(option, origin: "--api-url")
        }
        if let value = environment["VIDA_API_URL"], !value.trimmingCharacters(in: .whitespaces).isEmpty {
            return try checkBaseURL(value, origin: "VIDA_API_URL")
        }
        let configPath = configFilePath(homeDirectory: homeDirectory)
        if let config = try readConfig(configPath), let apiURL = config.apiURL {
            return try checkBaseURL(apiURL, origin: "\"apiUrl\" in \(configPath)")
        }
        return try checkBaseURL(defaultBaseURL, origin: "the default")
    }

    /// Checks a base URL given by `origin` (named in the error).
    public static func checkBaseURL(_ text: String, origin: String) throws(VidaError) -> URL {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        func fail(_ reason: String) -> VidaError {
            VidaError(kind: .configuration, message: "The API URL \"\(trimmed)\" (from \(origin)) \(reason).")
        }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw fail("is not a valid absolute URL; use for example https://api.vida.dev")
        }
        guard scheme == "https" || scheme == "http" else {
            throw fail("must start with https:// (or http:// for a test server on this machine)")
        }
        guard let host = components.host, !host.isEmpty else { throw fail("has no host") }
        guard components.user == nil, components.password == nil else {
            throw fail("must not contain a user name or password; give the token with --token-file or VIDA_API_TOKEN")
        }
        guard components.query == nil, components.fragment == nil else {
            throw fail("must not contain a query (?...) or fragment (#...)")
        }
        if scheme == "http", !isLoopback(host) {
            throw fail(
                "uses plain http to a host that is not this machine; the token would travel unencrypted: use https://"
            )
        }
        var normalised = components
        normalised.scheme = scheme
        while normalised.path.hasSuffix("/") { normalised.path.removeLast() }
        guard let url = normalised.url else { throw fail("is not a valid absolute URL") }
        return url
    }

    /// 127.0.0.0/8, ::1 (bracketed or not) and `localhost`.
    static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "localhost." { return true }
        if VidaValidation.isIPv4(name) { return name.hasPrefix("127.") }
        if VidaValidation.isIPv6(name) {
            return name == "::1" || name == "0:0:0:0:0:0:0:1" || name.hasPrefix("::ffff:127.")
        }
        return false
    }

    // MARK: - Files

    private struct Config {
        var token: String?
        var apiURL: String?
    }

    /// The config file, or nil when there is none.
    private static func readConfig(_ path: String) throws(VidaError) -> Config? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text = try readPrivateFile(path, what: "config file")
        guard let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data),
            let dictionary = object as? [String: Any]
        else {
            throw VidaError(
                kind: .configuration,
                message: "The config file \(path) is not a JSON object; it should look like "
                    + "{\"token\": \"...\", \"apiUrl\": \"https://api.vida.dev\"} (both optional)."
            )
        }
        var config = Config()
        if let token = dictionary["token"] {
            guard let token = token as? String else {
                throw VidaError(kind: .configuration, message: "The \"token\" in \(path) must be a string.")
            }
            config.token = token
        }
        if let apiURL = dictionary["apiUrl"] {
            guard let apiURL = apiURL as? String else {
                throw VidaError(kind: .configuration, message: "The \"apiUrl\" in \(path) must be a string.")
            }
            config.apiURL = apiURL
        }
        return config
    }

    /// Reads a file that holds a secret, refusing it when the group or others may read it.
    private static func readPrivateFile(_ path: String, what: String) throws(VidaError) -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw VidaError(
                kind: .configuration,
                message: "Cannot read the \(what) \(path): it does not exist or is not accessible."
            )
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o044 != 0 {
            throw VidaError(
                kind: .configuration,
                message: "The \(what) \(path) is readable by "
                    + (mode & 0o004 != 0 ? "everyone" : "its group")
                    + " (mode \(String(format: "%04o", mode & 0o7777))), and it holds the API token. "
                    + "Run `chmod 600 \(path)` and try again."
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VidaError(kind: .configuration, message: "Cannot read the \(what) \(path).")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw VidaError(kind: .configuration, message: "The \(what) \(path) is not UTF-8 text.")
        }
        return text
    }
}
