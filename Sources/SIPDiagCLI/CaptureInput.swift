import SIPAnalysis
import SIPCapture

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening the capture a command names (a path, or `-` for standard input), with the errors and
/// exit codes every command shares: 66 when the file is missing, 65 when it is not a capture.
struct CaptureInput {
    /// The `<capture>` argument in every command's help: what sipdiag reads, told apart by content.
    static let argumentHelp = """
          <capture>               A pcap or pcapng file (HEP inside them too), a capture the Vida
                                  API or Homer exported (json, transaction or text; see
                                  'sipdiag fetch'), or a text file of SIP messages (as pasted
                                  from a log); '-' reads standard input.
        """

    let reader: CaptureReader
    /// How messages name the input: the path, or "standard input".
    let name: String
    /// The file's path, `nil` for standard input.
    let path: String?

    /// Opens `argument`, or reports why not on `stderr` and returns the exit code.
    static func open(_ argument: String, stderr: OutputSink) -> Result<CaptureInput, ExitCode> {
        open(.file(argument), stderr: stderr)
    }

    /// Opens `source`, or reports why not on `stderr` and returns the exit code.
    static func open(_ source: CaptureSource, stderr: OutputSink) -> Result<CaptureInput, ExitCode> {
        switch source {
        case .memory(let bytes, let name):
            do {
                return .success(CaptureInput(reader: try CaptureReader(bytes: bytes), name: name, path: nil))
            } catch {
                stderr.writeLine("Error: \(name): \(error)")
                return .failure(.dataError)
            }
        case .file(let argument):
            let fromStandardInput = argument == "-"
            let path = fromStandardInput ? "/dev/stdin" : argument
            let name = fromStandardInput ? "standard input" : argument
            guard fromStandardInput || access(path, F_OK) == 0 else {
                stderr.writeLine("Error: no such file: \(path)")
                return .failure(.noInput)
            }
            do {
                let reader = try CaptureReader(path: path)
                return .success(CaptureInput(reader: reader, name: name, path: fromStandardInput ? nil : path))
            } catch {
                stderr.writeLine("Error: \(name): \(error)")
                return .failure(error.code == .ioError ? .noInput : .dataError)
            }
        }
    }

    /// Reads the whole capture into the analyzer. A capture damaged part way is analysed up to
    /// the damage: the error goes to `stderr` and the status is 65 (data error).
    func analyze(_ options: AnalysisOptions, stderr: OutputSink) -> (CaptureAnalysis, ExitCode) {
        var analyzer = CallAnalyzer(options: options)
        var progress = ProgressReporter(output: stderr, name: name, path: path)
        let failure = analyzer.read(reader) { progress?.tick($0) }
        progress?.finish()
        if let failure { stderr.writeLine("Error: \(name): \(failure)") }
        reportWarnings(to: stderr)
        let analysis = analyzer.finish()
        ProcessLifetime.keepUntilExit(analysis)
        return (analysis, failure == nil ? .success : .dataError)
    }

    func reportWarnings(to stderr: OutputSink) {
        for warning in reader.warnings {
            stderr.writeLine("warning: \(warning)")
        }
    }

    /// Digits of fraction the capture's clock has: 9 for nanosecond captures, else 6.
    /// Whether the input is a file small enough to keep every message of it in memory (32 MiB):
    /// then the overview's diagnosis reads headers and SDP (NAT, session timers, media changes)
    /// as the one-call view does, and memory stays a small multiple of the file.
    var isSmall: Bool {
        var info = stat()
        guard let path, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return info.st_size <= 32 << 20
    }

    var fractionDigits: Int { reader.hasNanosecondTimestamps ? 9 : 6 }
}
