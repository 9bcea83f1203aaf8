/// Where a command's capture comes from: a file named on the command line (`-` for standard
/// input), or bytes already in memory (a capture downloaded from the API by `sipdiag call`).
enum CaptureSource {
    case file(String)
    /// Downloaded bytes; `name` says where they came from ("the capture of Call-ID X").
    case memory([UInt8], name: String)

    /// Whether the capture can be read a second time (standard input cannot).
    var canReadTwice: Bool {
        switch self {
        case .file(let argument): argument != "-"
        case .memory: true
        }
    }

    /// The source as `sipdiag calls <source>` would take it in a suggestion, `nil` when the
    /// bytes exist only in memory.
    var argument: String? {
        switch self {
        case .file(let argument): argument
        case .memory: nil
        }
    }
}
