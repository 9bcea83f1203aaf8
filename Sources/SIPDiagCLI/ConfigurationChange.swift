import SIPReport
import VidaAPI

/// What a write to the account's configuration changed, as read before and after it: the
/// server's message, and the entries that appeared and disappeared.
struct ConfigurationChange {
    var message: String
    var added: [String] = []
    var removed: [String] = []

    /// "Added 203.0.113.7 (Office PBX). The whitelist now has 3 entries." and the server's
    /// message; a write that changed nothing says so.
    func text(noun: (one: String, many: String), now count: Int) -> String {
        var lines: [String] = []
        for entry in added { lines.append("added: \(entry)") }
        for entry in removed { lines.append("removed: \(entry)") }
        if added.isEmpty, removed.isEmpty { lines.append("no change seen in the \(noun.many) after the write") }
        lines.append("\(count) \(count == 1 ? noun.one : noun.many) now; the API said: \(message)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Sends `write`, reads the list back with `read` (or takes the write's own answer,
    /// `fallback`, when that fails) and compares it with `before`.
    static func apply<Entry: Sendable>(
        _ write: @escaping @Sendable (VidaClient) async throws(VidaError) -> WriteResult,
        readBack read: @escaping @Sendable (VidaClient) async throws(VidaError) -> [Entry],
        fallback: (WriteResult) -> [Entry]?,
        before: [Entry],
        same: (Entry, Entry) -> Bool,
        describe: (Entry) -> String,
        connection: APIConnection,
        stderr: OutputSink
    ) -> Result<(change: ConfigurationChange, after: [Entry]), ExitCode> {
        let result: WriteResult
        switch connection.perform(stderr: stderr, write) {
        case .success(let written): result = written
        case .failure(let code): return .failure(code)
        }
        let after: [Entry]
        switch connection.perform(stderr: OutputSink(), read) {
        case .success(let entries): after = entries
        case .failure:
            stderr.writeLine("warning: the change was accepted but could not be read back")
            after = fallback(result) ?? before
        }
        let change = ConfigurationChange(
            message: result.message,
            added: after.filter { entry in !before.contains { same($0, entry) } }.map(describe),
            removed: before.filter { entry in !after.contains { same($0, entry) } }.map(describe)
        )
        return .success((change, after))
    }

    var json: JSONValue {
        .object([
            .init("added", .array(added.map(JSONValue.string))),
            .init("message", .string(message)),
            .init("removed", .array(removed.map(JSONValue.string))),
        ])
    }
}
