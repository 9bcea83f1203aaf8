/// Process exit codes, after BSD sysexits(3), so scripts can tell failures apart.
/// Also an `Error`, so a step of a command can stop it with its code.
public enum ExitCode: Int32, Sendable, Error {
    /// Ran and found nothing wrong.
    case success = 0
    /// Ran fine and found problems (used by commands that judge, with `--fail-on`).
    case problemsFound = 1
    /// The command line was wrong.
    case usage = 64
    /// The input data was malformed or not a capture.
    case dataError = 65
    /// An input file does not exist or cannot be opened.
    case noInput = 66
    /// A remote service could not be reached.
    case unavailable = 69
    /// A bug in sipdiag.
    case internalError = 70
    /// Permission denied (a token missing or rejected by the API).
    case permission = 77
    /// The configuration is wrong (a config file others can read, a bad API URL).
    case configuration = 78
}
