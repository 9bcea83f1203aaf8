#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Musl)
private let systemRead = Musl.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

/// Capture bytes read in large chunks, so that a file of any size is decoded in one pass
/// with memory bounded by the largest record, never by the file.
///
/// `peek(_:)` hands out a view that stays valid until the next `peek` or `consume`: the
/// container readers decode a record from it and copy only what they keep.
final class ByteInput {
    /// Bytes read from the file at a time: large enough that system calls are cheap per byte.
    static let chunkSize = 1 << 20

    private var storage: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var reachedEnd = false
    private let source: Source
    private let maximumPeek: Int

    /// Absolute offset in the input of the next unconsumed byte.
    private(set) var offset: Int64 = 0

    private enum Source {
        case file(descriptor: Int32, path: String)
        case memory([UInt8])
    }

    private var memoryPosition = 0

    /// Opens a file for reading. Throws ``CaptureError/Code/ioError`` when it cannot be opened.
    init(path: String, maximumPeek: Int) throws(CaptureError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CaptureError(.ioError, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.source = .file(descriptor: descriptor, path: path)
        self.maximumPeek = maximumPeek
        self.storage = .allocate(byteCount: Self.chunkSize, alignment: 16)
    }

    /// Reads from bytes already in memory (API responses, tests).
    init(bytes: [UInt8], maximumPeek: Int) {
        self.source = .memory(bytes)
        self.maximumPeek = maximumPeek
        self.storage = .allocate(byteCount: min(Self.chunkSize, max(bytes.count, 64)), alignment: 16)
    }

    deinit {
        storage.deallocate()
        if case .file(let descriptor, _) = source { close(descriptor) }
    }

    /// The next `count` bytes without consuming them, or `nil` when the input ends first
    /// (``available`` then says how many bytes were left).
    func peek(_ count: Int) throws(CaptureError) -> UnsafeRawBufferPointer? {
        guard count >= 0, count <= maximumPeek else { return nil }
        if end - start < count {
            try fill(atLeast: count)
            if end - start < count { return nil }
        }
        return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[start..<(start + count)])
    }

    /// Bytes buffered and not consumed; after a failed `peek`, all that is left of the input.
    var available: Int { end - start }

    /// Whether every byte of the input has been consumed.
    func isAtEnd() throws(CaptureError) -> Bool {
        if end > start { return false }
        try fill(atLeast: 1)
        return end == start
    }

    /// Moves past `count` bytes (which must have been peeked).
    func consume(_ count: Int) {
        let step = min(max(count, 0), end - start)
        start += step
        offset += Int64(step)
    }

    /// Skips `count` bytes, reading past what is buffered if needed. Returns how many were skipped.
    func skip(_ count: Int64) throws(CaptureError) -> Int64 {
        var left = count
        while left > 0 {
            if end == start {
                try fill(atLeast: 1)
                if end == start { break }
            }
            let step = Int(min(Int64(end - start), left))
            consume(step)
            left -= Int64(step)
        }
        return count - left
    }

    private func fill(atLeast count: Int) throws(CaptureError) {
        guard !reachedEnd else { return }
        // Move the unconsumed tail to the front, then grow only if one record needs more room.
        if start > 0 {
            let pending = end - start
            if pending > 0, let base = storage.baseAddress {
                base.copyMemory(from: base + start, byteCount: pending)
            }
            start = 0
            end = pending
        }
        if count > storage.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
            if end > 0, let to = grown.baseAddress, let from = storage.baseAddress {
                to.copyMemory(from: from, byteCount: end)
            }
            storage.deallocate()
            storage = grown
        }
        while end < count, !reachedEnd {
            let room = UnsafeMutableRawBufferPointer(rebasing: storage[end...])
            let got = try read(into: room)
            if got == 0 { reachedEnd = true } else { end += got }
        }
    }

    private func read(into room: UnsafeMutableRawBufferPointer) throws(CaptureError) -> Int {
        switch source {
        case .file(let descriptor, let path):
            while true {
                let got = systemRead(descriptor, room.baseAddress, room.count)
                if got >= 0 { return got }
                if errno == EINTR { continue }
                throw CaptureError(
                    .ioError,
                    "cannot read \(path): \(String(cString: strerror(errno)))",
                    byteOffset: offset + Int64(end - start)
                )
            }
        case .memory(let bytes):
            let count = min(room.count, bytes.count - memoryPosition)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBytes { all in
                room.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[memoryPosition..<(memoryPosition + count)]))
            }
            memoryPosition += count
            return count
        }
    }
}
