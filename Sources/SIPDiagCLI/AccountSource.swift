import Foundation
import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import VidaAPI

/// Where a command gets the account's configuration: `--account FILE` (the account file,
/// ``AccountConfig/decode(_:)``), else the Vida API's three GETs (whitelist, outbound routes,
/// registration), plus `--platform-ip` for the platform's own addresses. `sipdiag check` uses
/// it; `analyze --account` and `call` can too.
enum AccountSource {
    static let options: Set<String> = APIConnection.options.union(["--account", "--platform-ip"])

    static let help = """
          --account <file>        The account file (whitelist, routes, registration, platform
                                  addresses; see 'sipdiag check --save-account'). Without it
                                  they are read from the API.
          --platform-ip <ip>      One of the platform's own addresses (repeatable).
        """

    /// Where the configuration came from, for the summary line.
    enum Origin: Equatable {
        case file(String)
        case api(URL)

        var text: String {
            switch self {
            case .file(let path): "the account file \(path)"
            case .api(let url): "the API at \(url.absoluteString)"
            }
        }
    }

    /// The options of the commands that read a capture (`analyze`, `ladder`): the account comes
    /// from a file only.
    static let captureOptions: Set<String> = ["--account", "--platform-ip"]

    static let captureHelp = """
          --account <file>        Check the calls against this account file (whitelist, routes,
                                  registration; 'sipdiag check --save-account' writes one).
          --platform-ip <ip>      One of the platform's own addresses (repeatable); without it
                                  the platform's side is inferred from the calls, and said.
        """

    /// The configuration for `parsed`'s options, or the error explained on `stderr` with its exit
    /// code: 64 for a bad --platform-ip, 66 for an account file that cannot be read, 65 for one
    /// that is not an account file (naming the file and the JSON path), and the API's codes.
    static func load(
        parsed: ParsedArguments,
        stderr: OutputSink,
        usage: String
    ) -> Result<(config: AccountConfig, origin: Origin), ExitCode> {
        let platform: [String]
        switch platformAddresses(parsed, stderr: stderr, usage: usage) {
        case .success(let addresses): platform = addresses
        case .failure(let code): return .failure(code)
        }
        let loaded: Result<(config: AccountConfig, origin: Origin), ExitCode>
        if let path = parsed.value("--account") {
            loaded = file(path, stderr: stderr).map { ($0, .file(path)) }
        } else {
            loaded = api(parsed, stderr: stderr)
        }
        return loaded.map { config, origin in (adding(platform, to: config), origin) }
    }

    /// For the commands that read a capture: the account file and `--platform-ip` when given,
    /// `nil` when neither is (the calls are then diagnosed without an account).
    static func loadFromFile(
        parsed: ParsedArguments,
        stderr: OutputSink,
        usage: String
    ) -> Result<AccountConfig?, ExitCode> {
        let platform: [String]
        switch platformAddresses(parsed, stderr: stderr, usage: usage) {
        case .success(let addresses): platform = addresses
        case .failure(let code): return .failure(code)
        }
        guard let path = parsed.value("--account") else {
            return .success(platform.isEmpty ? nil : AccountConfig(platformAddresses: platform))
        }
        return file(path, stderr: stderr).map { adding(platform, to: $0) }
    }

    /// The `--platform-ip` values, each checked.
    private static func platformAddresses(
        _ parsed: ParsedArguments,
        stderr: OutputSink,
        usage: String
    ) -> Result<[String], ExitCode> {
        let platform = parsed.allValues("--platform-ip")
        if let bad = platform.first(where: { IPNetwork($0) == nil }) {
            let code = SIPDiagCommand.usageError(
                UsageError("--platform-ip '\(bad)' is not an IP address (203.0.113.7, 2001:db8::7 or a /prefix block)"),
                usage: usage,
                stderr: stderr
            )
            return .failure(ExitCode(rawValue: code) ?? .usage)
        }
        return .success(platform)
    }

    private static func adding(_ platform: [String], to config: AccountConfig) -> AccountConfig {
        var config = config
        for address in platform where !config.platformAddresses.contains(address) {
            config.platformAddresses.append(address)
        }
        return config
    }

    /// The findings of `calls` read from `input`, checked against `account` when there is one.
    static func diagnose(_ calls: [SIPCall], account: AccountConfig?, input: CaptureInput) -> [Finding] {
        guard let account else { return SIPDiagnosis.diagnose(calls) }
        let vague: [CaptureWarning.Code] = [.homerPcapExport, .transportFromProtocolNumber]
        let options = DiagnosisOptions(
            transportsAreReliable: !input.reader.warnings.contains { vague.contains($0.code) }
        )
        return SIPDiagnosis.diagnose(calls, account: account, options: options)
    }

    /// Reads and decodes an account file.
    static func file(_ path: String, stderr: OutputSink) -> Result<AccountConfig, ExitCode> {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "no such file"
            stderr.writeLine("Error: cannot open the account file \(path): \(reason)")
            return .failure(.noInput)
        }
        do throws(AccountConfigError) {
            return .success(try AccountConfig.decode(data))
        } catch {
            stderr.writeLine("Error: the account file \(path) is not valid: \(error)")
            return .failure(.dataError)
        }
    }

    /// The whitelist, the routes and the registration from the API (a 404 for the registration
    /// means none is configured).
    static func api(
        _ parsed: ParsedArguments,
        stderr: OutputSink
    ) -> Result<(config: AccountConfig, origin: Origin), ExitCode> {
        APIConnection.connect(
            parsed,
            stderr: stderr,
            thenRead: { client async throws(VidaError) in
                let whitelist = try await client.whitelist()
                let routes = try await client.outboundRoutes()
                let registration = try await client.registration()
                return (whitelist, routes, registration)
            }
        )
        .map { read in
            let (whitelist, routes, registration) = read.value
            return (
                config(whitelist: whitelist, routes: routes, registration: registration),
                .api(read.connection.client.baseURL)
            )
        }
    }

    /// The API's answers as the account model.
    static func config(whitelist: [WhitelistEntry], routes: [String], registration: Registration?) -> AccountConfig {
        AccountConfig(
            whitelist: whitelist.map { WhitelistItem(ip: $0.ip, label: $0.label) },
            routes: routes.map(RouteTarget.init),
            registration: registration.map { registration in
                RegistrationSettings(
                    aor: registration.aor,
                    username: registration.username,
                    authUsername: registration.authUsername,
                    realm: registration.sipRealm,
                    proxy: registration.proxy,
                    port: registration.port,
                    transport: registration.transport
                )
            }
        )
    }
}
