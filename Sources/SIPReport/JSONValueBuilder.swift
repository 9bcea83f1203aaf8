/// A ``JSONOutput`` that builds a ``JSONValue`` tree, for documents that are combined with
/// others or inspected before they are written (`sipdiag analyze --format json`).
public struct JSONValueBuilder: JSONOutput {
    /// An open container and what it holds so far.
    private enum Content {
        case object([JSONValue.Member])
        case array([JSONValue])
    }

    /// An open container, with the key it will have in its parent object (keys of inner
    /// members come in between).
    private struct Container {
        var content: Content
        let key: String?
    }

    private var open: [Container] = []
    /// The key given for the next member of the innermost object.
    private var pendingKey: String?
    /// The document once its top-level value is complete.
    public private(set) var value: JSONValue = .null

    public init() {}

    public mutating func beginObject() {
        open.append(Container(content: .object([]), key: takeKey()))
    }

    public mutating func endObject() {
        close()
    }

    public mutating func beginArray() {
        open.append(Container(content: .array([]), key: takeKey()))
    }

    public mutating func endArray() {
        close()
    }

    public mutating func key(_ name: StaticString) {
        pendingKey = name.description
    }

    public mutating func null() { add(.null) }

    public mutating func bool(_ value: Bool) { add(.bool(value)) }

    public mutating func string(_ value: String?) { add(.string(value)) }

    public mutating func integer<Integer: BinaryInteger>(_ value: Integer?) { add(.integer(value)) }

    public mutating func decimal(_ value: Double?) { add(.decimal(value)) }

    private mutating func takeKey() -> String? {
        defer { pendingKey = nil }
        return pendingKey
    }

    private mutating func close() {
        guard let container = open.popLast() else { return }
        switch container.content {
        case .object(let members): add(.object(members), key: container.key)
        case .array(let elements): add(.array(elements), key: container.key)
        }
    }

    private mutating func add(_ element: JSONValue) {
        add(element, key: takeKey())
    }

    /// Adds a complete value to the innermost container (under `key` in an object), or makes it
    /// the document.
    private mutating func add(_ element: JSONValue, key: String?) {
        guard var container = open.popLast() else {
            value = element
            return
        }
        switch container.content {
        case .object(var members):
            members.append(JSONValue.Member(key ?? "", element))
            container.content = .object(members)
        case .array(var elements):
            elements.append(element)
            container.content = .array(elements)
        }
        open.append(container)
    }
}
