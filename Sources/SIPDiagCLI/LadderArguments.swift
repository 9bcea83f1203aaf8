import SIPAnalysis
import SIPCapture
import SIPReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The options every command that draws a ladder shares: lanes (aliases, merged ports), the
/// terminal layout (width, ASCII, colour) and which calls (Call-IDs, related legs).
struct LadderArguments {
    static let options: Set<String> = ["--call-id", "--alias", "--aliases", "--width", "--color", "--leg-header"]
    static let flags: Set<String> = ["--merge-ports", "--ascii", "--related"]
    static let choices: [String: [String]] = ["--color": ["auto", "always", "never"]]

    static let help = """
          --call-id <id>          The call to show (repeatable). Without it, every call in
                                  the capture.
          --related               Also show the legs linked to the chosen calls (X-Call-ID,
                                  X-CID or --leg-header, and Homer's _b2b-1 suffix).
          --leg-header <name>     A header naming a related leg's Call-ID (repeatable;
                                  replaces the default X-Call-ID and X-CID).
          --alias <ip=name>       Name a host: IP[/prefix][:port]=NAME, e.g.
                                  --alias 192.0.2.10=PBX --alias [2001:db8::1]:5060=SBC
                                  (repeatable; the most specific match wins).
          --aliases <file>        Aliases from a file, one IP[/prefix][:port]=NAME per line,
                                  '#' comments.
          --merge-ports           One lane per IP address instead of per ip:port.
          --width <columns>       Fit the text ladder in this many columns (default: the
                                  terminal's width, or as wide as the labels need).
          --ascii                 ASCII lines instead of Unicode box drawing.
          --color <when>          auto (on a terminal, unless NO_COLOR is set), always or
                                  never. (default: auto)
        """

    let callIDs: [String]
    let related: Bool
    let analysisOptions: AnalysisOptions
    let ladderOptions: LadderOptions
    let textRenderer: TextLadderRenderer

    /// Reads the shared options; errors are usage errors (bad alias, unreadable alias file).
    /// `callIDs` and `related`, when given, replace `--call-id` and `--related` (for commands
    /// that name their call otherwise).
    init(
        _ parsed: ParsedArguments,
        stdout: OutputSink,
        callIDs: [String]? = nil,
        related: Bool? = nil
    ) throws(UsageError) {
        self.callIDs = callIDs ?? parsed.allValues("--call-id")
        self.related = related ?? parsed.has("--related")
        var aliases = HostAliases()
        if let file = parsed.value("--aliases") {
            guard let text = Self.readText(file) else { throw UsageError("cannot read the alias file \(file)") }
            switch HostAliases.parse(file: text) {
            case .success(let read): aliases = read
            case .failure(let error): throw UsageError("\(file): \(error.message)")
            }
        }
        for text in parsed.allValues("--alias") {
            switch HostAlias.parse(text) {
            case .success(let alias): aliases.add(alias)
            case .failure(let error): throw UsageError("--alias \(error.message)")
            }
        }
        let legHeaders = parsed.allValues("--leg-header")
        analysisOptions = AnalysisOptions(
            relatedLegHeaders: legHeaders.isEmpty ? AnalysisOptions().relatedLegHeaders : legHeaders,
            messageRetention: .full
        )
        ladderOptions = LadderOptions(aliases: aliases, mergePorts: parsed.has("--merge-ports"))
        var width: Int?
        if let text = parsed.value("--width") {
            guard let value = Int(text), value >= 40, value <= 1000 else {
                throw UsageError("--width must be a number of columns from 40 to 1000, not '\(text)'")
            }
            width = value
        } else if stdout.isTerminal {
            width = Self.terminalWidth()
        }
        let colorChoice = parsed.value("--color") ?? "auto"
        let color =
            colorChoice == "always"
            || (colorChoice == "auto" && stdout.isTerminal && getenv("NO_COLOR") == nil
                && getenv("TERM").map { String(cString: $0) } != "dumb")
        textRenderer = TextLadderRenderer(width: width, ascii: parsed.has("--ascii"), color: color)
    }

    /// Columns of the terminal on standard output (TIOCGWINSZ), when it says.
    private static func terminalWidth() -> Int? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// A small text file (aliases), or `nil` when it cannot be read.
    static func readText(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[..<count]
            if bytes.count > 1 << 20 { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The calls to draw: the chosen Call-IDs (and their related legs when asked), analysed with
    /// their messages kept. A file is read twice when legs are wanted: once to find them, once
    /// to keep only their messages, so memory stays bounded on large captures.
    /// A damaged capture still gives the calls before the damage, with status 65.
    func selectCalls(_ argument: String, stderr: OutputSink) -> Result<Selection, ExitCode> {
        selectCalls(.file(argument), stderr: stderr)
    }

    /// ``selectCalls(_:stderr:)`` for any source: a file or downloaded bytes.
    func selectCalls(_ source: CaptureSource, stderr: OutputSink) -> Result<Selection, ExitCode> {
        var wanted: Set<String>? = callIDs.isEmpty ? nil : Set(callIDs)
        if related, let chosen = wanted, source.canReadTwice {
            let first: CaptureInput
            switch CaptureInput.open(source, stderr: stderr) {
            case .success(let input): first = input
            case .failure(let code): return .failure(code)
            }
            var options = analysisOptions
            options.messageRetention = .none
            // Warnings and errors are reported by the second pass.
            let (summary, _) = first.analyze(options, stderr: OutputSink())
            wanted = Self.closure(of: chosen, in: summary.calls)
        }
        let input: CaptureInput
        switch CaptureInput.open(source, stderr: stderr) {
        case .success(let opened): input = opened
        case .failure(let code): return .failure(code)
        }
        var analysisOptions = analysisOptions
        analysisOptions.callIDs = related && !source.canReadTwice ? nil : wanted
        let (analysis, status) = input.analyze(analysisOptions, stderr: stderr)
        var calls = analysis.calls
        if let chosen = wanted {
            let keep = related ? Self.closure(of: chosen, in: calls) : chosen
            calls = calls.filter { keep.contains($0.callID) }
            let missing = callIDs.filter { id in !calls.contains { $0.callID == id } }
            if !missing.isEmpty {
                let hint = source.argument.map { " ('sipdiag calls \($0)' lists the calls it has)" } ?? ""
                stderr.writeLine(
                    "Error: no call with Call-ID \(missing.joined(separator: ", ")) in \(input.name)\(hint)"
                )
                return .failure(status == .success ? .dataError : status)
            }
        }
        if calls.isEmpty {
            stderr.writeLine("Error: no SIP calls in \(input.name)")
            return .failure(status == .success ? .dataError : status)
        }
        var options = ladderOptions
        // Lane names the capture carries (a call flow's `alias` map) come after the user's, so
        // that --alias and --aliases win where both name the same address.
        for (endpoint, name) in input.reader.aliases.sorted(by: { $0.key.description < $1.key.description }) {
            let bits = if case .v4(_) = endpoint.address { 32 } else { 128 }
            options.aliases.add(
                HostAlias(network: endpoint.address, prefixLength: bits, port: endpoint.port, name: name)
            )
        }
        return .success(Selection(calls: calls, input: input, status: status, ladderOptions: options))
    }

    /// The chosen calls, the capture they came from, 65 when it was damaged part way, and the
    /// ladder's options with the lane names the capture itself gives.
    struct Selection {
        let calls: [SIPCall]
        let input: CaptureInput
        let status: ExitCode
        let ladderOptions: LadderOptions
    }

    /// The Call-IDs linked to `chosen`, directly or through other legs.
    static func closure(of chosen: Set<String>, in calls: [SIPCall]) -> Set<String> {
        var related: [String: [String]] = [:]
        for call in calls { related[call.callID] = call.relatedCallIDs }
        var result = chosen
        var queue = Array(chosen)
        while let next = queue.popLast() {
            for other in related[next] ?? [] where !result.contains(other) {
                result.insert(other)
                queue.append(other)
            }
        }
        return result
    }
}
