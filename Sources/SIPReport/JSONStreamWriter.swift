/// Writes a JSON document (RFC 8259) straight to bytes, value by value, with exactly the layout
/// ``JSONValue/rendered(pretty:)`` gives: a long call list is written without building a tree of
/// values per call, and the bytes are the same as rendering that tree.
///
/// Containers are opened and closed in order; a member's key comes before its value:
///
/// ```swift
/// var writer = JSONStreamWriter()
/// writer.beginObject()
/// writer.key("callId")
/// writer.string("a84b4c76e66710")
/// writer.endObject()
/// ```
public struct JSONStreamWriter: ~Copyable, JSONOutput {
    /// The document so far: `count` initialised bytes of `capacity` allocated. A raw buffer
    /// rather than an Array, so that appending a few bytes costs a few instructions: an Array
    /// checks uniqueness and capacity on every append, which was most of the cost per call.
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes the document has.
    public private(set) var count = 0
    private let pretty: Bool
    /// Indentation of the document's top level, as if it sat that deep in a larger document.
    private let baseIndent: Int
    /// How many containers are open.
    private var depth = 0
    /// Whether the innermost open container has an element yet: an empty container is written
    /// `[]` or `{}`, without a line break. The outer containers' flags wait in `outer`.
    private var hasElement = false
    private var outer: [Bool] = []
    /// Set by ``key(_:)``: the next value completes a member rather than starting an element.
    private var afterKey = false
    /// Numbers are formatted here by ``JSONValue``'s own code, then copied.
    private var scratch: [UInt8] = []

    /// A writer for a document indented `indent` levels deep (how one element of a long array
    /// is written on its own).
    public init(pretty: Bool = true, indent: Int = 0) {
        self.pretty = pretty
        self.baseIndent = indent
        capacity = 4096
        storage = .allocate(capacity: capacity)
        outer.reserveCapacity(8)
        scratch.reserveCapacity(32)
    }

    deinit { storage.deallocate() }

    /// The document as UTF-8.
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// Calls `body` with the document's bytes, without copying them.
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        // The first `count` bytes of `storage` are initialised (every write goes through `put`).
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    /// Empties the document for reuse, keeping the memory already allocated.
    public mutating func reset() {
        count = 0
        outer.removeAll(keepingCapacity: true)
        depth = 0
        hasElement = false
        afterKey = false
    }

    // MARK: - Bytes

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if capacity - count < extra { grow(to: max(capacity * 2, count + extra)) }
    }

    private mutating func grow(to newCapacity: Int) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        // `count` <= `capacity` <= `newCapacity`: the old bytes fit.
        larger.initialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        reserve(1)
        // `reserve(1)` made `count` < `capacity`.
        (storage + count).initialize(to: byte)
        count += 1
    }

    private mutating func put(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        reserve(buffer.count)
        // `reserve` made room for `buffer.count` bytes after `count`.
        (storage + count).initialize(from: base, count: buffer.count)
        count += buffer.count
    }

    private mutating func put(_ text: StaticString) {
        text.withUTF8Buffer { put($0) }
    }

    /// A line break and the indentation of `indent` levels, as ``JSONValue`` writes them.
    private mutating func newline(indent: Int) {
        let length = 1 + 2 * max(indent, 0)
        reserve(length)
        // `reserve(length)` made room for the line break and the `length - 1` spaces.
        (storage + count).initialize(to: 0x0A)
        (storage + count + 1).initialize(repeating: 0x20, count: length - 1)
        count += length
    }

    /// RFC 8259 section 7, as ``JSONValue`` writes strings: quote, backslash and control
    /// characters escaped, everything else copied as the UTF-8 it already is.
    private mutating func putString(_ value: String) {
        put(0x22)
        var value = value
        value.withUTF8 { utf8 in
            // Nearly every value is plain: one check, one copy.
            if JSONValue.isPlain(utf8) { return put(utf8) }
            var runStart = 0
            for position in utf8.indices where JSONValue.needsEscape(utf8[position]) {
                put(UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                scratch.removeAll(keepingCapacity: true)
                JSONValue.appendEscaped(utf8[position], to: &scratch)
                putScratch()
                runStart = position + 1
            }
            put(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        put(0x22)
    }

    private mutating func putScratch() {
        let bytes = scratch
        bytes.withUnsafeBufferPointer { put($0) }
    }

    // MARK: - Structure

    /// Separator and line start before a value: nothing after a key, else a comma when the
    /// container already has an element, and the newline and indentation of the next level.
    @inline(__always)
    private mutating func startValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if hasElement { put(0x2C) }
        hasElement = true
        if pretty { newline(indent: baseIndent + depth) }
    }

    /// Starts an object member: `"name": ` (the value follows). Names are written in the code:
    /// copied straight unless one needs escaping, which is then done as for any string.
    public mutating func key(_ name: StaticString) {
        startValue()
        if !putPlainKey(name) { putString(name.description) }
        put(0x3A)
        if pretty { put(0x20) }
        afterKey = true
    }

    /// Writes `"name"` when no byte of `name` needs escaping; otherwise writes nothing and
    /// returns false.
    private mutating func putPlainKey(_ name: StaticString) -> Bool {
        guard name.hasPointerRepresentation else { return false }
        return name.withUTF8Buffer { utf8 in
            guard JSONValue.isPlain(utf8) else { return false }
            put(0x22)
            put(utf8)
            put(0x22)
            return true
        }
    }

    public mutating func beginObject() { open(0x7B) }

    public mutating func endObject() { close(0x7D) }

    public mutating func beginArray() { open(0x5B) }

    public mutating func endArray() { close(0x5D) }

    private mutating func open(_ bracket: UInt8) {
        startValue()
        put(bracket)
        outer.append(hasElement)
        hasElement = false
        depth += 1
    }

    private mutating func close(_ bracket: UInt8) {
        guard depth > 0 else { return }
        depth -= 1
        if hasElement, pretty { newline(indent: baseIndent + depth) }
        put(bracket)
        hasElement = outer.popLast() ?? false
    }

    // MARK: - Values

    public mutating func null() {
        startValue()
        put("null")
    }

    public mutating func bool(_ value: Bool) {
        startValue()
        put(value ? "true" : "false")
    }

    /// `value`, or `null` when absent.
    public mutating func string(_ value: String?) {
        startValue()
        if let value { putString(value) } else { put("null") }
    }

    /// `value`, or `null` when absent (clamped to 64 bits, as ``JSONValue`` does).
    public mutating func integer<Integer: BinaryInteger>(_ value: Integer?) {
        startValue()
        guard let value else { return put("null") }
        scratch.removeAll(keepingCapacity: true)
        JSONValue.appendInteger(Int64(clamping: value), to: &scratch)
        putScratch()
    }

    /// `value` with at most three fractional digits, or `null` when absent (as ``JSONValue`` does).
    public mutating func decimal(_ value: Double?) {
        startValue()
        guard let value else { return put("null") }
        scratch.removeAll(keepingCapacity: true)
        JSONValue.appendDecimal(value, to: &scratch)
        putScratch()
    }

    /// A whole value built in memory, written in place.
    public mutating func value(_ value: JSONValue) {
        startValue()
        scratch.removeAll(keepingCapacity: true)
        value.append(to: &scratch, pretty: pretty, indent: baseIndent + depth)
        putScratch()
    }
}
