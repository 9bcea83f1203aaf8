/// Large values the process keeps until it exits instead of freeing them. Freeing an analysis
/// of a large capture (tens of thousands of calls, each many small allocations) took a few
/// percent of a `calls` run, just before the process ended and the system reclaimed its memory
/// anyway. Only when the command runs as the process (`SIPDiagCommand.main`): the tests run
/// commands in one long-lived process, where nothing may be kept.
enum ProcessLifetime {
    /// Set by `SIPDiagCommand.main`, before any command runs and while only one thread exists.
    nonisolated(unsafe) static var endsAfterCommand = false
    nonisolated(unsafe) private static var kept: [any Sendable] = []

    /// Keeps `value` alive until the process exits, when the process ends after this command.
    static func keepUntilExit(_ value: any Sendable) {
        guard endsAfterCommand else { return }
        kept.append(value)
    }
}
