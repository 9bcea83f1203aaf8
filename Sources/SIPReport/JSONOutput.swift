/// Where a JSON document (RFC 8259) is written value by value, in document order: straight to
/// bytes (``JSONStreamWriter``) or into a tree (``JSONValueBuilder``). A document described once
/// against this protocol, such as a call in ``CallJSON``, is then the same in both.
///
/// Containers are opened and closed in order; a member's key comes before its value.
public protocol JSONOutput: ~Copyable {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    /// Starts an object member; its value follows.
    mutating func key(_ name: StaticString)
    mutating func null()
    mutating func bool(_ value: Bool)
    /// `value`, or `null` when absent.
    mutating func string(_ value: String?)
    /// `value`, or `null` when absent (clamped to 64 bits).
    mutating func integer<Integer: BinaryInteger>(_ value: Integer?)
    /// `value` with at most three fractional digits, or `null` when absent.
    mutating func decimal(_ value: Double?)
}

extension JSONOutput where Self: ~Copyable {
    /// An array of strings.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }
}
