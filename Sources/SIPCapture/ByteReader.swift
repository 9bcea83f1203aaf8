/// A bounds-checked cursor over bytes that came from a capture.
///
/// Every read returns `nil` instead of trapping when the input is shorter than the
/// field: lengths in capture files are attacker-controlled, and a short read is an
/// ordinary event (a truncated record), not a programming error. Modelled on
/// swift-nio's `ByteBuffer` verbs: `read*` consumes, `get*(at:)` does not.
///
/// The buffer is borrowed: a reader must not outlive the storage it points into.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = min(max(offset, 0), bytes.count)
    }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset >= bytes.count }

    /// The bytes not read yet.
    var rest: UnsafeRawBufferPointer { bytes.slice(from: offset) }

    mutating func readU8() -> UInt8? {
        guard let value = bytes.u8(at: offset) else { return nil }
        offset += 1
        return value
    }

    mutating func readU16(bigEndian: Bool = true) -> UInt16? {
        guard let value = bytes.u16(at: offset, bigEndian: bigEndian) else { return nil }
        offset += 2
        return value
    }

    mutating func readU32(bigEndian: Bool = true) -> UInt32? {
        guard let value = bytes.u32(at: offset, bigEndian: bigEndian) else { return nil }
        offset += 4
        return value
    }

    mutating func readBytes(_ count: Int) -> UnsafeRawBufferPointer? {
        guard let value = bytes.slice(at: offset, count: count) else { return nil }
        offset += count
        return value
    }

    @discardableResult
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= remaining else { return false }
        offset += count
        return true
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always)
    func u8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        return load(fromByteOffset: offset, as: UInt8.self)
    }

    @inline(__always)
    func u16(at offset: Int, bigEndian: Bool = true) -> UInt16? {
        guard offset >= 0, offset <= count &- 2 else { return nil }
        let raw = loadUnaligned(fromByteOffset: offset, as: UInt16.self)
        return bigEndian ? UInt16(bigEndian: raw) : UInt16(littleEndian: raw)
    }

    @inline(__always)
    func u32(at offset: Int, bigEndian: Bool = true) -> UInt32? {
        guard offset >= 0, offset <= count &- 4 else { return nil }
        let raw = loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        return bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
    }

    /// `count` bytes from `offset`, or `nil` when they are not all there.
    @inline(__always)
    func slice(at offset: Int, count length: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, length >= 0, offset <= count, length <= count &- offset else { return nil }
        return UnsafeRawBufferPointer(rebasing: self[offset..<(offset + length)])
    }

    /// The bytes from `offset` to the end; empty when `offset` is past the end.
    @inline(__always)
    func slice(from offset: Int) -> UnsafeRawBufferPointer {
        slice(at: offset, count: count &- offset) ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// The first `length` bytes, or all of them when there are fewer.
    @inline(__always)
    func prefix(upTo length: Int) -> UnsafeRawBufferPointer {
        slice(at: 0, count: Swift.min(Swift.max(length, 0), count)) ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// Whether the bytes start with `prefix`.
    func hasPrefix(bytes prefix: [UInt8]) -> Bool {
        guard count >= prefix.count else { return false }
        for (index, byte) in prefix.enumerated() where self[index] != byte {
            return false
        }
        return true
    }

    /// Whether the bytes start with `literal`, which must be ASCII (a StaticString holds UTF-8).
    func hasPrefix(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard count >= length else { return false }
        let literalBytes = UnsafeRawBufferPointer(start: literal.utf8Start, count: length)
        for index in 0..<length where self[index] != literalBytes[index] {
            return false
        }
        return true
    }
}
