import VidaAPI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What every command that talks to the Vida API shares: `--api-url` and `--token-file`, the
/// client built from them (and the environment and config file), the progress line, and the
/// exit code of each kind of failure.
struct APIConnection {
    static let options: Set<String> = ["--api-url", "--token-file"]

    static let help = """
          --api-url <url>         The API (default: $VIDA_API_URL, the config file's "apiUrl", or
                                  https://api.vida.dev; plain http only to a loopback address).
          --token-file <path>     A file holding the API token (default: $VIDA_API_TOKEN, or
                                  "token" in ~/.config/sipdiag/config.json, which must be
                                  readable by you alone: chmod 600).
        """

    static let exitCodes = """
          65 the API's answer could not be decoded, or it refused the request (400, 409),
          66 nothing found (404), 69 the API could not be reached (DNS, TLS, timeout, 429,
          5xx), 77 token missing or rejected, 78 bad configuration (config file readable by
          others, bad --api-url).
        """

    let client: VidaClient
    /// The progress line on a terminal, `nil` otherwise.
    let progress: APIProgressLine?

    /// The client for `parsed`'s options, or the error explained on `stderr` with its exit code.
    static func connect(
        _ parsed: ParsedArguments,
        stderr: OutputSink,
        environment: [String: String] = ProcessEnvironment.current
    ) -> Result<APIConnection, ExitCode> {
        let home = environment["HOME"] ?? ""
        do throws(VidaError) {
            let (token, _) = try VidaCredentials.resolve(
                tokenFile: parsed.value("--token-file"),
                environment: environment,
                homeDirectory: home
            )
            let baseURL = try VidaCredentials.baseURL(
                option: parsed.value("--api-url"),
                environment: environment,
                homeDirectory: home
            )
            let progress = APIProgressLine(output: stderr)
            var report: (@Sendable (VidaProgress) -> Void)?
            if let progress { report = { progress.show($0) } }
            let client = try VidaClient(baseURL: baseURL, token: token, progress: report)
            return .success(APIConnection(client: client, progress: progress))
        } catch {
            return .failure(report(error, stderr: stderr))
        }
    }

    /// Connects with `parsed`'s options and makes a first request (what is there before any
    /// change, or the download itself), reporting a failure on `stderr`.
    static func connect<Value: Sendable>(
        _ parsed: ParsedArguments,
        stderr: OutputSink,
        thenRead request: @escaping @Sendable (VidaClient) async throws(VidaError) -> Value
    ) -> Result<(connection: APIConnection, value: Value), ExitCode> {
        connect(parsed, stderr: stderr).flatMap { connection in
            connection.perform(stderr: stderr, request).map { (connection, $0) }
        }
    }

    /// Runs one request, reporting a failure on `stderr`.
    func perform<Value: Sendable>(
        stderr: OutputSink,
        _ request: @escaping @Sendable (VidaClient) async throws(VidaError) -> Value
    ) -> Result<Value, ExitCode> {
        let client = self.client
        // What the command wrote before goes out before the progress line is drawn.
        stderr.flush()
        let result = AsyncBridge.run { () async throws(VidaError) -> Value in try await request(client) }
        progress?.erase()
        return result.mapError { Self.report($0, stderr: stderr) }
    }

    /// Prints `error` (already free of the token) and returns its exit code.
    static func report(_ error: VidaError, stderr: OutputSink) -> ExitCode {
        stderr.writeLine("Error: \(error.message)")
        return exitCode(error.kind)
    }

    static func exitCode(_ kind: VidaError.Kind) -> ExitCode {
        switch kind {
        case .unauthorized: .permission
        case .configuration: .configuration
        case .notFound: .noInput
        case .badRequest, .conflict, .undecodableResponse: .dataError
        case .rateLimited, .serverError, .timeout, .hostNotFound, .tls, .connection, .unexpectedStatus: .unavailable
        }
    }
}
