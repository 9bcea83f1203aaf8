import SIPReport
import VidaAPI

/// `sipdiag routes list|add|remove`: the account's outbound routes, where the platform sends
/// calls to the customer's equipment (`/api/v2/sip/outboundRoutes`).
enum RoutesCommand: Subcommand {
    static let name = "routes"
    static let usage = "sipdiag routes list | add <route> | remove <route> [--yes] [--format text|json]"

    static let help = """
        OVERVIEW: List and change the outbound routes: where the platform sends calls.

        A route is host[:port][;transport=udp|tcp|tls], the host an IPv4 address, a bracketed
        IPv6 address or a domain name (RFC 3261 section 19.1.1). 'add' and 'remove' check it
        before sending, read the routes before and after, and report exactly what changed.
        'remove' asks first unless --yes is given.

        USAGE: \(usage)

        ACTIONS:
          list                    The outbound routes.
          add <route>             Add a route, e.g. 203.0.113.10:5060;transport=udp.
          remove <route>          Remove a route.

        OPTIONS:
          --yes                   Do not ask before removing.
          --format <format>       text or json. (default: text)
        \(APIConnection.help)
          -h, --help              Show help information.

        EXIT CODES:
          0 done (or nothing to change), 1 not confirmed, 64 usage error (a bad route, or
          'remove' without --yes and without a terminal to ask),
        \(APIConnection.exitCodes)

        """

    static let specification = ParsedArguments.Specification(
        options: APIConnection.options.union(["--format"]),
        flags: ["--help", "-h", "--yes"],
        choices: ["--format": ["text", "json"]],
        positionalNames: ["action", "route"],
        minimumPositionals: 1
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let positionals = parsed.positionals
        var route: OutboundRoute?
        do throws(UsageError) {
            switch positionals[0] {
            case "list":
                guard positionals.count == 1 else { throw UsageError("'list' takes no argument") }
            case "add", "remove":
                guard positionals.count == 2 else { throw UsageError("'\(positionals[0])' needs a route") }
                do throws(VidaError) {
                    route = try VidaValidation.checkRoute(positionals[1])
                } catch {
                    throw UsageError(error.message)
                }
            default:
                throw UsageError("unknown action '\(positionals[0])': expected list, add or remove")
            }
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        let json = parsed.value("--format") == "json"
        let (connection, before): (APIConnection, [String])
        switch APIConnection.connect(
            parsed,
            stderr: stderr,
            thenRead: { client async throws(VidaError) in
                try await client.outboundRoutes()
            }
        ) {
        case .success(let read): (connection, before) = read
        case .failure(let code): return code.rawValue
        }
        guard let route else {
            stdout.write(json ? document(nil, routes: before) : table(before))
            return ExitCode.success.rawValue
        }
        let existing = before.first { same($0, route.description) }
        let write: @Sendable (VidaClient) async throws(VidaError) -> WriteResult
        if positionals[0] == "add" {
            if let existing {
                let change = ConfigurationChange(
                    message: "the route \(existing) is already configured: nothing changed"
                )
                stdout.write(json ? document(change, routes: before) : change.message + "\n")
                return ExitCode.success.rawValue
            }
            let text = route.description
            write = { client async throws(VidaError) in try await client.addOutboundRoute(text) }
        } else {
            guard let existing else {
                stderr.writeLine(
                    "Error: no route \(route) is configured; the routes are "
                        + (before.isEmpty ? "none" : before.joined(separator: ", "))
                )
                return ExitCode.noInput.rawValue
            }
            let question = "Remove the outbound route \(existing)? Calls will no longer be sent there."
            if case .failure(let code) = Confirmation.ask(question, parsed, input: input, stderr: stderr) {
                return code.rawValue
            }
            write = { client async throws(VidaError) in try await client.removeOutboundRoute(existing) }
        }
        switch ConfigurationChange.apply(
            write,
            readBack: { client async throws(VidaError) in try await client.outboundRoutes() },
            fallback: \.routes,
            before: before,
            same: same,
            describe: { $0 },
            connection: connection,
            stderr: stderr
        ) {
        case .success(let (change, after)):
            stdout.write(
                json
                    ? document(change, routes: after)
                    : change.text(noun: ("outbound route", "outbound routes"), now: after.count)
            )
            return ExitCode.success.rawValue
        case .failure(let code):
            return code.rawValue
        }
    }

    /// Whether two routes are the same once written alike (`Example.COM:5060;transport=UDP`
    /// and `example.com:5060;transport=udp`); a stored route that does not parse matches only
    /// itself.
    static func same(_ left: String, _ right: String) -> Bool {
        guard let a = try? VidaValidation.checkRoute(left), let b = try? VidaValidation.checkRoute(right) else {
            return left == right
        }
        return a == b
    }

    static func table(_ routes: [String]) -> String {
        guard !routes.isEmpty else { return "No outbound routes: the platform has nowhere to send calls.\n" }
        let rows = routes.map { text -> [String] in
            guard let route = try? VidaValidation.checkRoute(text) else { return [text, "", "", "not a valid route"] }
            return [route.host, route.port.map(String.init) ?? "(default)", route.transport ?? "(default)", ""]
        }
        return TextCell.table(header: ["HOST", "PORT", "TRANSPORT", "NOTE"], rows: rows, rightAligned: [1])
    }

    static func document(_ change: ConfigurationChange?, routes: [String]) -> String {
        var members: [JSONValue.Member] = []
        if let change { members.append(.init("change", change.json)) }
        members.append(.init("routes", .array(routes.map(JSONValue.string))))
        return JSONValue.object(members).rendered() + "\n"
    }
}
