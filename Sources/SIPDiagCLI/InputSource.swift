#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command reads the user's answers (a confirmation before a destructive change):
/// standard input, or lines given by a test.
public final class InputSource {
    private let descriptor: Int32?
    private var lines: [String]
    private let terminal: Bool

    /// Reads a file descriptor (0 for standard input).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        lines = []
        terminal = isatty(descriptor) == 1
    }

    /// Answers `lines` in order, as a terminal (`isTerminal`) or a pipe would.
    public init(lines: [String], isTerminal: Bool) {
        descriptor = nil
        self.lines = lines
        terminal = isTerminal
    }

    /// Whether a person can answer: questions are asked only then.
    public var isTerminal: Bool { terminal }

    /// The next line without its line ending, or `nil` at end of input.
    func readLine() -> String? {
        guard let descriptor else { return lines.isEmpty ? nil : lines.removeFirst() }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        // Byte by byte: an answer is a few characters, and nothing after it may be consumed.
        while read(descriptor, &byte, 1) == 1 {
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
            guard bytes.count < 4096 else { break }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
