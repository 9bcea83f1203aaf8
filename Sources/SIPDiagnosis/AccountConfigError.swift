/// An account file that cannot be read: what is wrong and where (a JSON path such as
/// `whitelist[2].ip`, or a byte offset for syntax errors).
public struct AccountConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the file, e.g. `whitelist[2].ip`; empty for the whole file.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
