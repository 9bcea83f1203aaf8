#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: a file descriptor (buffered, for speed on large outputs) or
/// memory (so tests can run the whole CLI in-process and read what it printed).
public final class OutputSink {
    private let descriptor: Int32?
    private var buffer: [UInt8] = []
    private var captured: [UInt8] = []
    /// Bytes buffered before a write(2): large enough that printing a million lines is cheap.
    private static let flushThreshold = 1 << 16

    /// Writes to a file descriptor (1 for standard output, 2 for standard error).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.flushThreshold)
    }

    /// Collects everything written in memory; read it with ``text``.
    public init() {
        self.descriptor = nil
    }

    /// Whether the descriptor is a terminal (for colour and layout decisions).
    public var isTerminal: Bool { descriptor.map { isatty($0) == 1 } ?? false }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in buffer.append(contentsOf: bytes) }
        if buffer.count >= Self.flushThreshold { flush() }
    }

    public func writeLine(_ text: String = "") {
        write(text)
        buffer.append(0x0A)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        if let descriptor {
            var offset = 0
            buffer.withUnsafeBytes { bytes in
                while offset < bytes.count, let base = bytes.baseAddress {
                    let written = systemWrite(descriptor, base + offset, bytes.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0, errno == EINTR {
                        continue
                    } else {
                        // A closed pipe (`| head`) or a full disk: drop the output rather than spin.
                        break
                    }
                }
            }
        } else {
            captured.append(contentsOf: buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Everything written so far, for an in-memory sink.
    public var text: String {
        flush()
        return String(decoding: captured, as: UTF8.self)
    }

    deinit { flush() }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Musl)
private let systemWrite = Musl.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
