import Dispatch
import Foundation
import Glibc
import VidaTestServer

// A fake Vida API for demos: `sipdiag-testserver --captures samples/captures`, then point sipdiag
// at the printed URL. Runs until SIGINT or SIGTERM.

func write(_ text: String, to handle: FileHandle) {
    handle.write(Data(text.utf8))
}

func fail(_ message: String, code: Int32) -> Never {
    write(
        "Error: \(message)\nUsage: sipdiag-testserver [--port <port>] [--captures <directory>] [--token <token>]\n",
        to: .standardError
    )
    exit(code)
}

/// Parses the arguments, starts the server and serves until SIGINT or SIGTERM.
func main() -> Never {
    let usage = """
        OVERVIEW: A fake Vida API (the /api/v2/sip/ endpoints) on 127.0.0.1, for demos and tests.

        USAGE: sipdiag-testserver [--port <port>] [--captures <directory>] [--token <token>]

        OPTIONS:
          --port <port>           Port to listen on, 0 for any free port (default: 8089).
          --captures <directory>  Directory of capture files: manifest.json, or files named
                                  <Call-ID>.pcap, .json, .transaction.json, .txt.
          --token <token>         The API token clients must send (default: demo-token).
          -h, --help              Show help information.

        """
    var port: UInt16 = 8089
    var captures: URL?
    var token = "demo-token"
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        switch argument {
        case "-h", "--help":
            write(usage, to: .standardOutput)
            exit(0)
        case "--port", "--captures", "--token":
            guard let value = arguments.popFirst() else { fail("Missing value for '\(argument)'.", code: 64) }
            switch argument {
            case "--port":
                guard let number = UInt16(value) else { fail("'\(value)' is not a port number.", code: 64) }
                port = number
            case "--captures":
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory), isDirectory.boolValue
                else { fail("'\(value)' is not a directory.", code: 66) }
                captures = URL(fileURLWithPath: value, isDirectory: true)
            default:
                guard !value.isEmpty else { fail("The token must not be empty.", code: 64) }
                token = value
            }
        default:
            fail("Unknown option '\(argument)'.", code: 64)
        }
    }

    let server: VidaTestServer
    do {
        server = try VidaTestServer.start(token: token, capturesDirectory: captures, port: port) { line in
            write("\(line)\n", to: .standardError)
        }
    } catch {
        fail("Cannot listen on 127.0.0.1:\(port): \(error)", code: 69)
    }

    write(
        """
        sipdiag-testserver listening on \(server.baseURL.absoluteString) (captures: \(captures?.path ?? "none"))
        Try: VIDA_API_URL=\(server.baseURL.absoluteString) VIDA_API_TOKEN=\(token) sipdiag call <id>

        """,
        to: .standardOutput
    )

    // Signals are taken through Dispatch so that stopping happens on a normal thread, not in a
    // signal handler.
    var signalSources: [any DispatchSourceSignal] = []
    for signalNumber in [SIGINT, SIGTERM] {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
        source.setEventHandler {
            server.stop()
            write("Stopped.\n", to: .standardError)
            exit(0)
        }
        source.resume()
        signalSources.append(source)
    }
    dispatchMain()
}

main()
