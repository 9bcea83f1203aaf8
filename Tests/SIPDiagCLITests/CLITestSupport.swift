import Foundation
import SIPDiagCLI
import Testing

/// Running the CLI in-process, and the repository files the tests read.
enum CLI {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) -> Run {
        let stdout = OutputSink()
        let stderr = OutputSink()
        let status = SIPDiagCommand.run(arguments: arguments, stdout: stdout, stderr: stderr)
        return Run(status: status, stdout: stdout.text, stderr: stderr.text)
    }

    /// The repository root (tests run from the source tree).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A path inside the repository, e.g. `samples/call-udp.pcap`.
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A fresh path in the temporary directory.
    static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sipdiag-\(UUID().uuidString)\(suffix)").path
    }

    /// Compares `output` with the golden file `name`; `SIPDIAG_UPDATE_GOLDEN=1` rewrites it instead
    /// (review the diff before committing: the golden files are the expected output).
    static func expectGolden(_ output: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let file = root.appendingPathComponent("Tests/SIPDiagCLITests/Fixtures/golden/\(name)")
        if ProcessInfo.processInfo.environment["SIPDIAG_UPDATE_GOLDEN"] == "1" {
            try Data(output.utf8).write(to: file)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(output == expected, "differs from golden file \(name)", sourceLocation: sourceLocation)
    }
}
