/// The command line of `sipdiag-benchgen`.
struct GeneratorOptions {
    var output: String?
    var calls = 40_000
    var seed: UInt64 = 1
    var mix = TrafficGenerator.Mix.realistic
    var manifest: String?
    var help = false

    static let usage = """
        OVERVIEW: Writes a deterministic, realistic SIP capture (pcap) for benchmarks.

        USAGE: sipdiag-benchgen --output <file> [--calls <n>] [--seed <s>] [--mix realistic|all]
                                [--manifest <file>]

        OPTIONS:
          --output <file>     Where to write the pcap.
          --calls <n>         Number of calls (default: 40000, about 190 MB). REGISTER and
                              OPTIONS dialogs are added in proportion.
          --seed <s>          Random seed (default: 1). Same seed, same bytes.
          --mix <mix>         realistic: ~70% UDP/IPv4, ~20% TCP, ~5% IPv6, ~5% fragmented UDP
                              (default); all: every transport the writer supports, in turn.
          --manifest <file>   Also write one line per SIP message, in capture order:
                              Call-ID, a tab, and the start line.
          -h, --help          Show this help.

        """

    /// Parses the arguments (without the program name); the error is a one-line message.
    static func parse(_ arguments: [String]) -> Result<GeneratorOptions, UsageError> {
        var options = GeneratorOptions()
        var index = 0
        /// The value after an option, consuming it.
        func value(_ name: String) -> String? {
            index += 1
            return index < arguments.count ? arguments[index] : nil
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-h", "--help":
                options.help = true
            case "--output":
                guard let path = value(argument) else { return .failure(UsageError("missing value for --output")) }
                options.output = path
            case "--manifest":
                guard let path = value(argument) else { return .failure(UsageError("missing value for --manifest")) }
                options.manifest = path
            case "--calls":
                guard let text = value(argument), let calls = Int(text), calls >= 0 else {
                    return .failure(UsageError("--calls needs a non-negative integer"))
                }
                options.calls = calls
            case "--seed":
                guard let text = value(argument), let seed = UInt64(text) else {
                    return .failure(UsageError("--seed needs a non-negative integer"))
                }
                options.seed = seed
            case "--mix":
                guard let text = value(argument), let mix = TrafficGenerator.Mix(rawValue: text) else {
                    return .failure(UsageError("--mix must be realistic or all"))
                }
                options.mix = mix
            default:
                return .failure(UsageError("unknown argument '\(argument)'"))
            }
            index += 1
        }
        if !options.help, options.output == nil {
            return .failure(UsageError("missing --output <file>"))
        }
        return .success(options)
    }
}

/// A command line mistake, reported with the usage and exit status 64 (EX_USAGE).
struct UsageError: Error {
    var message: String
    /// A mistake described by `message`.
    init(_ message: String) { self.message = message }
}
