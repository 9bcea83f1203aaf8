/// Asking before a change that cannot be undone (removing a whitelist entry, a route, the
/// registration): `--yes` answers in advance; without it the question goes to a person on a
/// terminal, and scripts without a terminal must say `--yes`.
enum Confirmation {
    /// `.success` to go ahead; otherwise the exit code (64 without a terminal to ask, 1 when the
    /// person said no), with the reason on `stderr`.
    static func ask(
        _ question: String,
        _ parsed: ParsedArguments,
        input: InputSource,
        stderr: OutputSink
    )
        -> Result<Void, ExitCode>
    {
        if parsed.has("--yes") { return .success(()) }
        guard input.isTerminal else {
            stderr.writeLine(
                "Error: \(question) Nothing was changed: confirm with --yes (standard input is not a terminal)."
            )
            return .failure(.usage)
        }
        stderr.write("\(question) [y/N] ")
        stderr.flush()
        let answer = input.readLine()?.trimmingSpaces.lowercased()
        guard answer == "y" || answer == "yes" else {
            stderr.writeLine("Nothing was changed.")
            return .failure(.problemsFound)
        }
        return .success(())
    }
}

extension String {
    /// The text without spaces and tabs at either end.
    fileprivate var trimmingSpaces: String {
        String(
            self.drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop {
                $0 == " " || $0 == "\t" || $0 == "\r"
            }.reversed()
        )
    }
}
