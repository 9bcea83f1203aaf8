/// A small command-line parser in the manner of swift-argument-parser (which the package
/// cannot depend on): options with values (`--format jsonl`, `--format=jsonl`), flags,
/// positionals, `--` to end options. Errors are ``UsageError``s naming the offending word.
struct ParsedArguments {
    /// What a command accepts.
    struct Specification {
        /// Options taking a value, e.g. `["--format"]`; short aliases map to their long name.
        var options: Set<String> = []
        var flags: Set<String> = ["--help", "-h"]
        var aliases: [String: String] = ["-h": "--help"]
        /// Allowed values per option, checked here so every command reports them alike.
        var choices: [String: [String]] = [:]
        var positionalNames: [String] = []
        var minimumPositionals = 0
    }

    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    init(_ arguments: [String], _ specification: Specification) throws(UsageError) {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            name = specification.aliases[name] ?? name
            if specification.flags.contains(name) {
                guard inlineValue == nil else { throw UsageError("\(name) does not take a value") }
                flags.insert(name)
            } else if specification.options.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else { throw UsageError("missing value for \(name)") }
                    value = arguments[index]
                    index += 1
                }
                if let allowed = specification.choices[name], !allowed.contains(value) {
                    throw UsageError(
                        "invalid value '\(value)' for \(name): expected one of \(allowed.joined(separator: ", "))"
                    )
                }
                values[name, default: []].append(value)
            } else {
                throw UsageError("unknown option '\(argument)'")
            }
        }
        if flags.contains("--help") { return }
        if positionals.count < specification.minimumPositionals {
            let missing = specification.positionalNames.dropFirst(positionals.count).first ?? "argument"
            throw UsageError("missing expected argument '<\(missing)>'")
        }
        if positionals.count > specification.positionalNames.count {
            throw UsageError("unexpected argument '\(positionals[specification.positionalNames.count])'")
        }
    }

    /// The last value given for an option (a repeated option overrides).
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option, in order.
    func allValues(_ name: String) -> [String] { values[name] ?? [] }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

/// A mistake on the command line: printed as `Error: ...` with the usage line, exit 64.
struct UsageError: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
