/// One `name[=value]` parameter of a URI or header value.
public struct SIPParameter: Hashable, Sendable {
    /// The name as written (names compare case-insensitively, RFC 3261 section 7.3.1).
    public var name: String
    /// `nil` for a parameter without `=` (e.g. `;lr`); quoted values are unquoted.
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// Parameters in the order written, looked up case-insensitively by name.
public struct SIPParameters: Hashable, Sendable, RandomAccessCollection {
    public private(set) var elements: [SIPParameter] = []

    public init() {}

    public init(_ elements: [SIPParameter]) {
        self.elements = elements
    }

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> SIPParameter { elements[position] }

    mutating func reserveCapacity(_ count: Int) {
        elements.reserveCapacity(count)
    }

    mutating func append(_ parameter: SIPParameter) {
        elements.append(parameter)
    }

    /// The first parameter named `name` (case-insensitive), if present.
    public func parameter(_ name: String) -> SIPParameter? {
        // Exact spelling first: cheap for the small and literal Strings parameter names are.
        elements.first { $0.name == name || SIPText.equalsIgnoringCase($0.name, name) }
    }

    /// The value of `name`: `.some(nil)` when present without a value, `nil` when absent.
    public subscript(name: String) -> String?? {
        parameter(name).map(\.value)
    }

    /// Whether a parameter named `name` is present, with or without a value.
    public func contains(_ name: String) -> Bool {
        parameter(name) != nil
    }
}
