import SIPCapture
import SIPReport
import VidaAPI

/// `sipdiag whitelist list|add|remove`: the account's SIP IP whitelist, the addresses the
/// platform accepts SIP from (`/api/v2/sip/ipWhitelist`).
enum WhitelistCommand: Subcommand {
    static let name = "whitelist"
    static let usage = "sipdiag whitelist list | add <ip> --label <text> | remove <ip> [--yes] [--format text|json]"

    static let help = """
        OVERVIEW: List and change the SIP IP whitelist: the addresses the platform accepts SIP from.

        'add' and 'remove' check the address before sending, read the whitelist before and
        after, and report exactly what changed. 'remove' asks first unless --yes is given.

        USAGE: \(usage)

        ACTIONS:
          list                    The whitelisted addresses with their labels.
          add <ip>                Whitelist an IPv4 or IPv6 address (needs --label).
          remove <ip>             Remove an address from the whitelist.

        OPTIONS:
          --label <text>          What the address is ("Office PBX"), for 'add'.
          --yes                   Do not ask before removing.
          --format <format>       text or json. (default: text)
        \(APIConnection.help)
          -h, --help              Show help information.

        EXIT CODES:
          0 done (or nothing to change), 1 not confirmed, 64 usage error (a bad address, or
          'remove' without --yes and without a terminal to ask),
        \(APIConnection.exitCodes)

        """

    static let specification = ParsedArguments.Specification(
        options: APIConnection.options.union(["--label", "--format"]),
        flags: ["--help", "-h", "--yes"],
        choices: ["--format": ["text", "json"]],
        positionalNames: ["action", "ip"],
        minimumPositionals: 1
    )

    enum Action {
        case list
        case add(ip: String, label: String)
        case remove(ip: String)
    }

    static func action(_ parsed: ParsedArguments) throws(UsageError) -> Action {
        let positionals = parsed.positionals
        func address() throws(UsageError) -> String {
            guard positionals.count == 2 else { throw UsageError("'\(positionals[0])' needs an IP address") }
            let ip = positionals[1]
            guard VidaValidation.isIPAddress(ip) else {
                throw UsageError(
                    "'\(ip)' is not an IP address: give an IPv4 (203.0.113.7) or IPv6 (2001:db8::7) address"
                )
            }
            return ip
        }
        switch positionals[0] {
        case "list":
            guard positionals.count == 1 else { throw UsageError("'list' takes no argument") }
            return .list
        case "add":
            let ip = try address()
            guard let label = parsed.value("--label"), !label.allSatisfy(\.isWhitespace) else {
                throw UsageError("'add' needs --label <text>: say what the address is (\"Office PBX\")")
            }
            return .add(ip: ip, label: label)
        case "remove":
            return .remove(ip: try address())
        default:
            throw UsageError("unknown action '\(positionals[0])': expected list, add or remove")
        }
    }

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let action: Action
        do throws(UsageError) {
            action = try Self.action(parsed)
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        let json = parsed.value("--format") == "json"
        let (connection, before): (APIConnection, [WhitelistEntry])
        switch APIConnection.connect(
            parsed,
            stderr: stderr,
            thenRead: { client async throws(VidaError) in
                try await client.whitelist()
            }
        ) {
        case .success(let read): (connection, before) = read
        case .failure(let code): return code.rawValue
        }
        let write: @Sendable (VidaClient) async throws(VidaError) -> WriteResult
        switch action {
        case .list:
            stdout.write(json ? document(nil, before: before, after: before) : table(before))
            return ExitCode.success.rawValue
        case .add(let ip, let label):
            if let existing = before.first(where: { sameAddress($0.ip, ip) }) {
                let change = ConfigurationChange(
                    message: "\(ip) is already whitelisted\(labelText(existing)): nothing changed"
                )
                stdout.write(json ? document(change, before: before, after: before) : change.message + "\n")
                return ExitCode.success.rawValue
            }
            write = { client async throws(VidaError) in try await client.addToWhitelist(ip: ip, label: label) }
        case .remove(let ip):
            guard let existing = before.first(where: { sameAddress($0.ip, ip) }) else {
                stderr.writeLine(
                    "Error: \(ip) is not in the whitelist, which has "
                        + (before.isEmpty ? "no entries" : before.map(\.ip).joined(separator: ", "))
                )
                return ExitCode.noInput.rawValue
            }
            let question =
                "Remove \(existing.ip)\(labelText(existing)) from the SIP IP whitelist? SIP from it will be refused."
            if case .failure(let code) = Confirmation.ask(question, parsed, input: input, stderr: stderr) {
                return code.rawValue
            }
            write = { client async throws(VidaError) in try await client.removeFromWhitelist(ip: existing.ip) }
        }
        let change: ConfigurationChange
        let after: [WhitelistEntry]
        switch ConfigurationChange.apply(
            write,
            readBack: { client async throws(VidaError) in try await client.whitelist() },
            fallback: \.whitelist,
            before: before,
            same: { sameAddress($0.ip, $1.ip) },
            describe: describe,
            connection: connection,
            stderr: stderr
        ) {
        case .success(let applied): (change, after) = applied
        case .failure(let code): return code.rawValue
        }
        stdout.write(
            json
                ? document(change, before: before, after: after)
                : change.text(noun: ("whitelist entry", "whitelist entries"), now: after.count)
        )
        return ExitCode.success.rawValue
    }

    /// Whether two addresses are the same, however written (`2001:db8::7`, `2001:DB8:0::7`).
    static func sameAddress(_ left: String, _ right: String) -> Bool {
        guard let a = IPAddress(left), let b = IPAddress(right) else { return left == right }
        return a == b
    }

    static func labelText(_ entry: WhitelistEntry) -> String {
        entry.label.map { " (\($0))" } ?? ""
    }

    static func describe(_ entry: WhitelistEntry) -> String { entry.ip + labelText(entry) }

    /// IP, label and when it was added, one entry per line.
    static func table(_ entries: [WhitelistEntry]) -> String {
        guard !entries.isEmpty else {
            return "The SIP IP whitelist is empty: no address may send SIP to the platform.\n"
        }
        let rows = entries.map { entry in
            [entry.ip, entry.label ?? "", entry.timestamp.map(addedDate) ?? ""]
        }
        return TextCell.table(header: ["IP", "LABEL", "ADDED"], rows: rows, rightAligned: [])
    }

    /// The entry's creation time (the API gives epoch seconds) as an RFC 3339 UTC time.
    static func addedDate(_ seconds: Int64) -> String {
        let (nanoseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? "\(seconds)" : CaptureTime(nanoseconds: nanoseconds).rfc3339(fractionDigits: 0)
    }

    /// `{"whitelist": [...]}`, with `"change"` after add or remove.
    static func document(_ change: ConfigurationChange?, before: [WhitelistEntry], after: [WhitelistEntry]) -> String {
        var members: [JSONValue.Member] = []
        if let change { members.append(.init("change", change.json)) }
        members.append(
            .init(
                "whitelist",
                .array(
                    after.map { entry in
                        .object([
                            .init("ip", .string(entry.ip)),
                            .init("label", .string(entry.label)),
                            .init("timestamp", .integer(entry.timestamp)),
                            .init("userId", .integer(entry.userId)),
                        ])
                    }
                )
            )
        )
        return JSONValue.object(members).rendered() + "\n"
    }
}
