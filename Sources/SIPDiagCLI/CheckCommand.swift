import Foundation
import SIPCapture
import SIPDiagnosis
import SIPProbe
import SIPReport

/// `sipdiag check`: the account's configuration judged on its own (``ConfigurationLint``), and
/// with `--probe` each outbound route sent a SIP OPTIONS (``OptionsProbe``).
enum CheckCommand: Subcommand {
    static let name = "check"
    static let usage =
        "sipdiag check [--account <file>] [--platform-ip <ip> ...] [--probe] [--save-account <file>] "
        + "[--format text|json] [--fail-on error|warning]"

    static let help = """
        OVERVIEW: Check the account's configuration: whitelist, outbound routes, registration.

        Reads the configuration from --account FILE, or from the API (whitelist, routes and
        registration), and reports what cannot work: whitelist entries that are not addresses,
        repeated, or private (never seen from the internet); routes with bad syntax, repeated,
        with 5060/5061 and the transport swapped, private, or whose name does not resolve; a
        registration whose AOR lacks a user or domain, with an unknown transport, a bad or
        unresolvable proxy. Each finding has a stable code (config.*), an explanation and the
        sipdiag command that fixes it.

        With --probe, each route is sent a SIP OPTIONS (RFC 3261 section 11) over its transport
        from this machine: answered (status, round trip, Server), refused, or timeout. UDP is
        sent again after 0.5, 1 and 2 s. TLS routes are only connected to over TCP: the TLS
        handshake is not attempted.

        USAGE: \(usage)

        OPTIONS:
        \(AccountSource.help)
          --save-account <file>   Write the configuration read to an account file (never a
                                  password or token), to edit and check again with --account.
          --probe                 Send a SIP OPTIONS to each outbound route.
          --probe-timeout <s>     Seconds to wait for each route's answer. (default: 4)
          --format <format>       text or json. json is {"account": {...}, "findings": [...]}
                                  (with "probes": [...] after --probe), the account as in the
                                  account file and findings as 'sipdiag analyze' writes them.
                                  (default: text)
        \(FailOn.help)
        \(APIConnection.help)
          -h, --help              Show help information.

        EXIT CODES:
          0 checked, 1 a finding at the --fail-on severity, 64 usage error, 65 the account file
          is not valid (the error names the field), 66 the account file is missing or the
          --save-account file cannot be written; without --account:
        \(APIConnection.exitCodes)

        """

    static let specification = ParsedArguments.Specification(
        options: AccountSource.options.union(["--save-account", "--probe-timeout", "--format", FailOn.option]),
        flags: ["--help", "-h", "--probe"],
        choices: ["--format": ["text", "json"], FailOn.option: FailOn.choices]
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        var timeout = OptionsProbe.defaultTimeout
        if let text = parsed.value("--probe-timeout") {
            guard let value = Double(text), value.isFinite, value > 0, value <= 60 else {
                return SIPDiagCommand.usageError(
                    UsageError("--probe-timeout '\(text)' is not a number of seconds from 0 to 60"),
                    usage: usage,
                    stderr: stderr
                )
            }
            timeout = value
        }
        let (config, origin): (AccountConfig, AccountSource.Origin)
        switch AccountSource.load(parsed: parsed, stderr: stderr, usage: usage) {
        case .success(let loaded): (config, origin) = loaded
        case .failure(let code): return code.rawValue
        }
        if let path = parsed.value("--save-account") {
            do {
                try OutputFile.save(Array(config.encoded()), to: path)
                stderr.writeLine("saved the account configuration to \(path)")
            } catch {
                stderr.writeLine("Error: \(error)")
                return ExitCode.noInput.rawValue
            }
        }
        let resolver = SystemHostResolver()
        var findings = ConfigurationLint.lint(config, resolver: resolver)
        var probes: [ProbeResult]?
        if parsed.has("--probe") {
            let results = OptionsProbe.probe(config.routes ?? [], resolver: resolver, timeout: timeout)
            findings += results.compactMap(\.finding)
            probes = results
        }
        findings = Finding.ordered(findings)
        if parsed.value("--format") == "json" {
            stdout.writeLine(document(config, findings: findings, probes: probes).rendered())
        } else {
            stdout.write(summary(config, origin: origin))
            if let probes {
                stdout.writeLine()
                stdout.write(probeText(probes))
            }
            stdout.writeLine()
            stdout.write(FindingText.render(findings))
        }
        return FailOn(parsed).status(.success, findings: findings).rawValue
    }

    // MARK: - Text

    /// What was read, in a few lines.
    static func summary(_ config: AccountConfig, origin: AccountSource.Origin) -> String {
        var text = "Account configuration from \(origin.text):\n"
        func line(_ name: String, _ value: String) {
            text += "  \(name):" + String(repeating: " ", count: max(1, 13 - name.count)) + value + "\n"
        }
        if let whitelist = config.whitelist {
            line("whitelist", whitelist.isEmpty ? "empty" : whitelist.map(\.description).joined(separator: ", "))
        } else {
            line("whitelist", "not known")
        }
        if let routes = config.routes {
            line("routes", routes.isEmpty ? "none" : routes.map(\.text).joined(separator: ", "))
        } else {
            line("routes", "not known")
        }
        if let registration = config.registration {
            var value = registration.aor
            let registrar = registration.registrar
            if !registrar.host.isEmpty {
                let transport = registrar.effectiveTransport.rawValue.uppercased()
                value += " via \(registrar.host):\(registrar.effectivePort) \(transport)"
            }
            if let realm = registration.realm { value += ", realm \(realm)" }
            line("registration", value)
        } else {
            line("registration", "none")
        }
        if !config.platformAddresses.isEmpty {
            line("platform", config.platformAddresses.joined(separator: ", "))
        }
        return text
    }

    static func probeText(_ probes: [ProbeResult]) -> String {
        guard !probes.isEmpty else { return "OPTIONS probes: no routes to probe\n" }
        return "OPTIONS probes:\n" + probes.map { "  \($0.line)\n" }.joined()
    }

    // MARK: - JSON

    /// `{"account": {...}, "findings": [...]}`, plus `"probes"` after `--probe`.
    static func document(_ config: AccountConfig, findings: [Finding], probes: [ProbeResult]?) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("account", account(config)),
            .init("findings", .array(findings.map(FindingJSON.value))),
        ]
        if let probes { members.append(.init("probes", .array(probes.map(probe)))) }
        return .object(members)
    }

    /// The account file's object (``AccountConfig/encoded()``), re-read so that the two cannot
    /// drift apart.
    static func account(_ config: AccountConfig) -> JSONValue {
        guard let object = try? JSONSerialization.jsonObject(with: config.encoded(), options: []) else {
            return .object([])
        }
        return json(object)
    }

    private static func json(_ value: Any) -> JSONValue {
        switch value {
        case let text as String: return .string(text)
        case let list as [Any]: return .array(list.map(json))
        case let object as [String: Any]:
            return .object(object.keys.sorted().compactMap { key in object[key].map { .init(key, json($0)) } })
        case let number as NSNumber:
            if let exact = Int64(exactly: number.doubleValue) { return .integer(exact) }
            return .decimal(number.doubleValue)
        default: return .null
        }
    }

    /// `{"route", "transport", "destination", "outcome", "status", "reason", "roundTripMs",
    /// "server", "retransmissions", "detail"}`.
    static func probe(_ result: ProbeResult) -> JSONValue {
        var outcome = ""
        var answer: ProbeAnswer?
        var detail: String?
        var roundTrip: Double?
        switch result.outcome {
        case .answered(let value):
            outcome = "answered"
            answer = value
            roundTrip = value.roundTripMilliseconds
        case .tcpReachable(let milliseconds):
            outcome = "tcp-reachable"
            roundTrip = milliseconds
            detail = "TLS handshake not attempted"
        case .refused: outcome = "refused"
        case .timeout: outcome = "timeout"
        case .unresolved(let reason):
            outcome = "unresolved"
            detail = reason
        case .failed(let reason):
            outcome = "failed"
            detail = reason
        }
        return .object([
            .init("route", .string(result.route.text)),
            .init("transport", .string(result.transport.rawValue)),
            .init("destination", .string(result.destination.map(ProbeResult.text))),
            .init("outcome", .string(outcome)),
            .init("status", .integer(answer?.statusCode)),
            .init("reason", .string(answer?.reasonPhrase)),
            .init("roundTripMs", .decimal(roundTrip.map { ($0 * 10).rounded() / 10 })),
            .init("server", .string(answer?.server)),
            .init("retransmissions", .integer(result.retransmissions)),
            .init("detail", .string(detail)),
        ])
    }
}
