import Glibc

/// Why ``VidaTestServer/start(token:capturesDirectory:port:)`` could not open its listening socket.
public struct VidaTestServerError: Error, Sendable, CustomStringConvertible {
    /// The system call that failed (`socket`, `bind`, `listen`, `getsockname`).
    public let operation: String
    /// The `errno` it left behind.
    public let code: Int32

    /// Creates an error for a failed system call.
    public init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// `bind failed: Address already in use (errno 98)`.
    public var description: String {
        "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}
