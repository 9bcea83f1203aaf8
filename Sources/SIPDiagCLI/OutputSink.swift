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
    /// A raw buffer rather than an Array: appends to a class's Array property pay for dynamic
    /// exclusivity checks on every byte, which dominated the JSON Lines profile.
    private let storage: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var captured: [UInt8] = []
    /// Bytes buffered before a write(2): large enough that printing a million lines is cheap.
    private static let capacity = 1 << 16

    /// Writes to a file descriptor (1 for standard output, 2 for standard error).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        self.storage = .allocate(capacity: Self.capacity)
    }

    /// Collects everything written in memory; read it with ``text``.
    public init() {
        self.descriptor = nil
        self.storage = .allocate(capacity: Self.capacity)
    }

    deinit {
        flush()
        storage.deallocate()
    }

    /// Whether the descriptor is a terminal (for colour and layout decisions).
    public var isTerminal: Bool { descriptor.map { isatty($0) == 1 } ?? false }

    /// The descriptor written to, `nil` for a sink in memory.
    var fileDescriptor: Int32? { descriptor }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
    }

    public func writeLine(_ text: String = "") {
        write(text)
        endLine()
    }

    /// Ends the current line; output is flushed in large blocks, so lines may arrive together.
    func endLine() {
        append(0x0A)
    }

    // MARK: - Bytes, for output formats that must be fast on millions of lines

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == Self.capacity { flush() }
        storage[count] = byte
        count += 1
    }

    func append(_ literal: StaticString) {
        append(bytes: UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    func append(contentsOf bytes: some Collection<UInt8>) {
        if let done = bytes.withContiguousStorageIfAvailable({ append(bytes: UnsafeRawBufferPointer($0)) }) {
            return done
        }
        for byte in bytes { append(byte) }
    }

    func append(bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        while let base = rest.baseAddress, !rest.isEmpty {
            if count == Self.capacity { flush() }
            let step = min(rest.count, Self.capacity - count)
            UnsafeMutableRawPointer(storage + count).copyMemory(
                from: base,
                byteCount: step
            )
            count += step
            rest = UnsafeRawBufferPointer(rebasing: rest[step...])
        }
    }

    /// Room for `length` more bytes, flushing first if needed; the caller writes there and
    /// then calls ``commit(_:)``. Keeps hot loops on a local pointer instead of the property.
    @inline(__always)
    private func reserve(_ length: Int) -> UnsafeMutablePointer<UInt8> {
        if Self.capacity - count < length { flush() }
        return storage + count
    }

    @inline(__always)
    private func commit(_ length: Int) {
        count += length
    }

    /// A decimal integer, without building a String.
    func appendDecimal(_ value: Int64) {
        // 19 digits and a sign at most.
        let start = reserve(20)
        var cursor = start
        if value < 0 {
            cursor.pointee = 0x2D
            cursor += 1
        }
        var magnitude = value.magnitude
        var digits = 1
        var scale: UInt64 = 10
        while digits < 20, magnitude >= scale {
            digits += 1
            if scale > UInt64.max / 10 { break }
            scale *= 10
        }
        var position = cursor + digits
        repeat {
            position -= 1
            position.pointee = 0x30 + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while position > cursor
        commit(cursor + digits - start)
    }

    /// A non-negative integer padded with zeros to `width` digits (at most 19).
    func appendPadded(_ value: Int64, width: Int) {
        let width = min(max(width, 1), 19)
        let start = reserve(width)
        var rest = value.magnitude
        var position = start + width
        while position > start {
            position -= 1
            position.pointee = 0x30 + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        commit(width)
    }

    public func flush() {
        guard count > 0 else { return }
        if let descriptor {
            var offset = 0
            while offset < count {
                let written = systemWrite(descriptor, storage + offset, count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    // A closed pipe (`| head`) or a full disk: drop the output rather than spin.
                    break
                }
            }
        } else {
            captured.append(contentsOf: UnsafeBufferPointer(start: storage, count: count))
        }
        count = 0
    }

    /// Everything written so far, for an in-memory sink.
    public var text: String {
        flush()
        return String(decoding: captured, as: UTF8.self)
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Musl)
private let systemWrite = Musl.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
