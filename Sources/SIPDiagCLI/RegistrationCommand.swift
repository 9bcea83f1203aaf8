import SIPReport
import VidaAPI

/// `sipdiag registration show|set|delete`: the SIP registration the platform keeps with the
/// customer's registrar (`/api/v2/sip/registration`).
enum RegistrationCommand: Subcommand {
    static let name = "registration"
    static let usage =
        "sipdiag registration show | set --aor <user@domain> [fields] | delete [--yes] [--format text|json]"

    static let help = """
        OVERVIEW: Show and change the SIP registration the platform makes for the account.

        'set' creates the registration or changes the fields given (the others keep their
        values), checks them before sending, and reports each field that changed. Replacing
        or deleting an existing registration asks first unless --yes is given.

        USAGE: \(usage)

        ACTIONS:
          show                    The registration's fields.
          set                     Create or change it.
          delete                  Remove it.

        FIELDS (for 'set'):
          --aor <user@domain>     The address of record (RFC 3261 section 10.2.1).
          --username <name>       The user part registered. (default: the AOR's user part)
          --auth-username <name>  The digest username, when it differs (RFC 3261 section 22).
          --password-file <path>  A file holding the digest password (never printed), or set
                                  SIPDIAG_SIP_PASSWORD: the API needs it with every change.
          --realm <realm>         The digest realm the registrar challenges with.
          --proxy <host[:port]>   The registrar or outbound proxy.
          --port <number>         The registrar's port (default at the API: 5060).
          --transport <t>         udp, tcp or tls (default at the API: udp).
          --subscribe, --no-subscribe
                                  Whether to subscribe to message-waiting events.

        OPTIONS:
          --yes                   Do not ask before replacing or deleting.
          --format <format>       text or json. (default: text)
        \(APIConnection.help)
          -h, --help              Show help information.

        EXIT CODES:
          0 done (or nothing to change), 1 not confirmed, 64 usage error (a bad field, or no
          --yes without a terminal to ask),
        \(APIConnection.exitCodes)
          409 (a duplicate AOR) exits with 65.

        """

    static let fieldOptions: Set<String> = [
        "--aor", "--username", "--auth-username", "--password-file", "--realm", "--proxy", "--port", "--transport",
    ]

    static let specification = ParsedArguments.Specification(
        options: APIConnection.options.union(fieldOptions).union(["--format"]),
        flags: ["--help", "-h", "--yes", "--subscribe", "--no-subscribe"],
        choices: ["--format": ["text", "json"], "--transport": ["udp", "tcp", "tls", "UDP", "TCP", "TLS"]],
        positionalNames: ["action"],
        minimumPositionals: 1
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let action = parsed.positionals[0]
        var fields = RegistrationFields()
        do throws(UsageError) {
            guard ["show", "set", "delete"].contains(action) else {
                throw UsageError("unknown action '\(action)': expected show, set or delete")
            }
            let given = fieldOptions.filter { parsed.value($0) != nil }
            if action != "set", let first = given.sorted().first {
                throw UsageError("\(first) is for 'set', not '\(action)'")
            }
            if action == "set" { fields = try RegistrationFields(parsed, environment: ProcessEnvironment.current) }
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        let json = parsed.value("--format") == "json"
        let (connection, current): (APIConnection, Registration?)
        switch APIConnection.connect(
            parsed,
            stderr: stderr,
            thenRead: { client async throws(VidaError) in
                try await client.registration()
            }
        ) {
        case .success(let read): (connection, current) = read
        case .failure(let code): return code.rawValue
        }
        switch action {
        case "show":
            stdout.write(json ? document(current, change: nil) : table(current))
            return ExitCode.success.rawValue
        case "delete":
            guard let current else {
                let change = ConfigurationChange(message: "no registration is configured: nothing to delete")
                stdout.write(json ? document(nil, change: change) : change.message + "\n")
                return ExitCode.success.rawValue
            }
            let question = "Delete the registration of \(current.aor)? The platform will stop registering it."
            if case .failure(let code) = Confirmation.ask(question, parsed, input: input, stderr: stderr) {
                return code.rawValue
            }
            return write(
                { client async throws(VidaError) in try await client.deleteRegistration() },
                before: current,
                json: json,
                connection: connection,
                stdout: stdout,
                stderr: stderr
            )
        default:
            let request: RegistrationRequest
            do throws(UsageError) {
                request = try fields.request(over: current)
            } catch {
                return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
            }
            for warning in RegistrationFields.warnings(request) { stderr.writeLine("warning: \(warning)") }
            if let current, !RegistrationFields.changes(from: current, to: request).isEmpty {
                let question = "Replace the registration of \(current.aor)?"
                if case .failure(let code) = Confirmation.ask(question, parsed, input: input, stderr: stderr) {
                    return code.rawValue
                }
            }
            return write(
                { client async throws(VidaError) in try await client.setRegistration(request) },
                before: current,
                json: json,
                connection: connection,
                stdout: stdout,
                stderr: stderr,
                passwordSent: true
            )
        }
    }

    /// Sends `request`, reads the registration back and reports each field that changed.
    static func write(
        _ request: @escaping @Sendable (VidaClient) async throws(VidaError) -> WriteResult,
        before: Registration?,
        json: Bool,
        connection: APIConnection,
        stdout: OutputSink,
        stderr: OutputSink,
        passwordSent: Bool = false
    ) -> Int32 {
        let result: WriteResult
        switch connection.perform(stderr: stderr, request) {
        case .success(let written): result = written
        case .failure(let code): return code.rawValue
        }
        var after: Registration?
        switch connection.perform(
            stderr: OutputSink(),
            { client async throws(VidaError) in try await client.registration() }
        ) {
        case .success(let registration): after = registration
        case .failure:
            stderr.writeLine("warning: the change was accepted but the registration could not be read back")
            after = before
        }
        var lines = RegistrationFields.changes(from: before, to: after)
        let fieldsChanged = !lines.isEmpty
        if passwordSent { lines.append("password: sent (not shown)") }
        let change = ConfigurationChange(message: result.message, added: lines)
        if json {
            stdout.write(document(after, change: change))
        } else {
            if !fieldsChanged { stdout.writeLine("no field changed") }
            for line in lines { stdout.writeLine(line) }
            stdout.writeLine("the API said: \(result.message)")
        }
        return ExitCode.success.rawValue
    }

    static func table(_ registration: Registration?) -> String {
        guard let registration else { return "No SIP registration is configured.\n" }
        let rows = RegistrationFields.describe(registration).map { [$0.name, $0.value] }
        return TextCell.table(header: ["FIELD", "VALUE"], rows: rows, rightAligned: [])
    }

    static func document(_ registration: Registration?, change: ConfigurationChange?) -> String {
        var members: [JSONValue.Member] = []
        if let change { members.append(.init("change", change.json)) }
        let value: JSONValue =
            registration.map { registration in
                .object(RegistrationFields.describe(registration).map { .init($0.key, $0.json) })
            } ?? .null
        members.append(.init("registration", value))
        return JSONValue.object(members).rendered() + "\n"
    }
}
