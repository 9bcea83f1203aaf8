import Foundation
import SIPDiagCLI
import Testing
import VidaTestServer

#if canImport(Glibc)
import Glibc
#endif

/// The progress line of the API commands, drawn on a real pseudo-terminal: it shows the
/// connection, a retry and the download, and is erased before the command's own output.
@Suite struct APIProgressLineTests {
    /// A pseudo-terminal pair: the command writes to the follower, the test reads the leader.
    struct PseudoTerminal {
        let leader: Int32
        let follower: Int32

        /// Opens `/dev/ptmx` and its follower `/dev/pts/N` (Glibc's module does not export
        /// posix_openpt, so the two ioctls it makes are made here: TIOCSPTLCK to unlock,
        /// TIOCGPTN for N; the numbers are those of the generic ioctl encoding, x86_64 and arm64).
        init() throws {
            leader = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            guard leader >= 0 else { throw CocoaError(.fileNoSuchFile) }
            var unlock: Int32 = 0
            var number: UInt32 = 0
            guard ioctl(leader, 0x4004_5431, &unlock) == 0, ioctl(leader, 0x8004_5430, &number) == 0 else {
                throw CocoaError(.fileReadNoPermission)
            }
            follower = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
            guard follower >= 0 else { throw CocoaError(.fileNoSuchFile) }
        }

        /// Everything written to the follower so far (the follower must be closed first).
        func drain() -> String {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(leader, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                bytes += buffer[0..<count]
            }
            close(leader)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// What the reading thread saw, handed over once `done` is signalled.
    final class Screen: @unchecked Sendable {
        var text = ""
        let done = DispatchSemaphore(value: 0)
    }

    @Test func showsConnectingRetryingAndDownloadingThenErasesItself() throws {
        let token = "progress-token-5f2c"
        let server = try VidaTestServer.start(
            token: token,
            capturesDirectory: URL(fileURLWithPath: CLI.path("samples/api"))
        )
        defer { server.stop() }
        server.inject(.serverError(503), path: "/api/v2/sip/captures")
        let tokenFile = CLI.temporaryPath(".token")
        try Data(token.utf8).write(to: URL(fileURLWithPath: tokenFile))
        chmod(tokenFile, 0o600)
        defer { try? FileManager.default.removeItem(atPath: tokenFile) }
        let terminal = try PseudoTerminal()
        // The leader is read on another thread: a pseudo-terminal holds only a few kB.
        let screen = Screen()
        Thread {
            screen.text = terminal.drain()
            screen.done.signal()
        }
        .start()

        let stdout = OutputSink()
        let status = SIPDiagCommand.run(
            arguments: [
                "fetch", "udp4-busy-1@sipdiag.test", "--format", "text", "-o", "-", "--from", "1795315900000",
                "--to", "1795316000000", "--api-url", server.baseURL.absoluteString, "--token-file", tokenFile,
            ],
            stdout: stdout,
            stderr: OutputSink(descriptor: terminal.follower)
        )
        close(terminal.follower)
        screen.done.wait()
        let shown = screen.text

        #expect(status == 0)
        #expect(stdout.text.hasPrefix("proto:UDP "))
        #expect(shown.contains("\r\u{1B}[Kconnecting to the API"))
        #expect(shown.contains("\r\u{1B}[KHTTP 503 Service Unavailable: retrying in "))
        #expect(shown.contains(" s (attempt 2)\r\u{1B}[K"))
        #expect(shown.contains("connecting to the API (attempt 2)"))
        #expect(shown.contains("downloading: "))
        // Erased before the summary line, which starts on a clean line.
        #expect(shown.contains("\r\u{1B}[K\(stdout.text.utf8.count) bytes (text) for Call-ID udp4-busy-1@sipdiag.test"))
        #expect(!shown.contains(token))
    }
}
