#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams ``CapturedMessage``s to a pcap file through a ``PcapWriter``, for outputs too
/// large to build in memory: records collect in a buffer of about 1 MiB that is written
/// with POSIX `write(2)` whenever it fills.
///
/// Call ``close()`` to write what is buffered and learn whether it worked; a writer dropped
/// without it still writes and closes, but any error is then lost. Not for concurrent use.
public final class PcapFileWriter {
    /// Buffered bytes above which the buffer is written out.
    static let flushThreshold = 1 << 20

    private var writer: PcapWriter
    private var buffer: [UInt8] = []
    private var descriptor: Int32
    private let path: String

    /// Messages written so far.
    public private(set) var messagesWritten = 0
    /// Records (packets) written so far.
    public private(set) var recordsWritten = 0
    /// Bytes written so far, file header included, buffered bytes included.
    public private(set) var bytesWritten: Int64 = 0

    /// Creates (or truncates) the file at `path` with mode 0644 and writes the file header.
    ///
    /// - Throws: ``CaptureError`` with code ``CaptureError/Code/ioError`` when the file
    ///   cannot be opened.
    public init(path: String, options: PcapWriter.Options = .init()) throws {
        self.path = path
        self.writer = PcapWriter(options: options)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CaptureError(.ioError, "cannot create \(path): \(Self.describeErrno())")
        }
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.flushThreshold + 128 * 1024)
        buffer.append(contentsOf: writer.fileHeader())
        bytesWritten = Int64(buffer.count)
    }

    deinit {
        if descriptor >= 0 {
            _ = try? flush()
            _ = Self.closeDescriptor(descriptor)
        }
    }

    /// Appends the records of one message (see ``PcapWriter/append(_:to:)``).
    ///
    /// - Returns: the number of records written.
    /// - Throws: ``CaptureError/Code/ioError`` when writing fails or the writer is closed.
    @discardableResult
    public func write(_ message: CapturedMessage) throws -> Int {
        guard descriptor >= 0 else {
            throw CaptureError(.ioError, "cannot write to \(path): the writer is closed")
        }
        let before = buffer.count
        let records = writer.append(message, to: &buffer)
        messagesWritten += 1
        recordsWritten += records
        bytesWritten += Int64(buffer.count - before)
        if buffer.count >= Self.flushThreshold {
            try flush()
        }
        return records
    }

    /// Writes what is buffered and closes the file. Closing twice does nothing.
    ///
    /// - Throws: ``CaptureError/Code/ioError`` when the last write or the close fails.
    public func close() throws {
        guard descriptor >= 0 else { return }
        defer { descriptor = -1 }
        do {
            try flush()
        } catch {
            _ = Self.closeDescriptor(descriptor)
            throw error
        }
        guard Self.closeDescriptor(descriptor) == 0 else {
            throw CaptureError(.ioError, "cannot close \(path): \(Self.describeErrno())")
        }
    }

    /// Writes the whole buffer, retrying short writes and `EINTR`.
    private func flush() throws {
        var failure: Int32 = 0
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = posixWrite(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
        guard failure == 0 else {
            throw CaptureError(.ioError, "cannot write \(path): \(Self.describeErrno(failure))")
        }
    }

    /// Closes the file; 0 on success, as `close(2)`.
    private static func closeDescriptor(_ descriptor: Int32) -> Int32 {
        posixClose(descriptor)
    }

    /// The C library's text for an `errno` value, for error reasons.
    private static func describeErrno(_ code: Int32 = errno) -> String {
        guard let message = strerror(code) else { return "errno \(code)" }
        return String(cString: message)
    }
}

/// `write(2)`, named apart from ``PcapFileWriter/write(_:)``.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// `close(2)`, named apart from ``PcapFileWriter/close()``.
private func posixClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
