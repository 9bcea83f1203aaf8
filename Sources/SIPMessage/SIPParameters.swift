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
    /// The parameters as Strings, or where they are in the bytes of a parsed URI or address
    /// (made into Strings when read: a lookup by name makes only the value's).
    private enum Storage: Sendable {
        case list([SIPParameter])
        /// The URI parameters of a ``SIPAddressSource``.
        case uri(SIPAddressSource)
        /// The header parameters of a ``SIPAddressSource``.
        case address(SIPAddressSource)
    }

    private var storage: Storage

    /// The parameters, in order.
    public var elements: [SIPParameter] {
        guard case .list(let list) = storage else { return Array(self) }
        return list
    }

    public init() {
        storage = .list([])
    }

    public init(_ elements: [SIPParameter]) {
        storage = .list(elements)
    }

    /// The URI parameters (`uri` true) or the header parameters of a parsed address.
    init(_ source: SIPAddressSource, uri: Bool) {
        storage = uri ? .uri(source) : .address(source)
    }

    /// The spans and the bytes they are relative to, for a parsed source.
    private var spans: (spans: SIPParameterSpans, bytes: ArraySlice<UInt8>)? {
        switch storage {
        case .list: nil
        case .uri(let source): (source.uri.parameters, source.uriBytes)
        case .address(let source): (source.address.parameters, source.bytes)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .list(let list): list.count
        case .uri(let source): source.uri.parameters.count
        case .address(let source): source.address.parameters.count
        }
    }

    public subscript(position: Int) -> SIPParameter {
        guard let (spans, bytes) = spans else { return elements[position] }
        return spans.parameter(at: position, in: bytes)
    }

    mutating func reserveCapacity(_ count: Int) {
        var list = elements
        // The storage lets go of the array first, so that reserving does not copy it.
        storage = .list([])
        list.reserveCapacity(count)
        storage = .list(list)
    }

    mutating func append(_ parameter: SIPParameter) {
        var list = elements
        // The storage lets go of the array first, so that appending does not copy it.
        storage = .list([])
        list.append(parameter)
        storage = .list(list)
    }

    /// The first parameter named `name` (case-insensitive), if present.
    public func parameter(_ name: String) -> SIPParameter? {
        switch storage {
        case .list(let list):
            // Exact spelling first: cheap for the small and literal Strings parameter names are.
            list.first { $0.name == name || SIPText.equalsIgnoringCase($0.name, name) }
        case .uri(let source):
            Self.parameter(name, in: source.uri.parameters, of: source.uriBytes)
        case .address(let source):
            Self.parameter(name, in: source.address.parameters, of: source.bytes)
        }
    }

    private static func parameter(
        _ name: String,
        in spans: SIPParameterSpans,
        of bytes: ArraySlice<UInt8>
    ) -> SIPParameter? {
        spans.firstPosition(named: name, in: bytes).map { spans.parameter(at: $0, in: bytes) }
    }

    /// The value of `name`: `.some(nil)` when present without a value, `nil` when absent.
    public subscript(name: String) -> String?? {
        switch storage {
        case .list: parameter(name).map(\.value)
        case .uri(let source): source.uri.parameters.value(named: name, in: source.uriBytes)
        case .address(let source): source.address.parameters.value(named: name, in: source.bytes)
        }
    }

    /// Whether a parameter named `name` is present, with or without a value.
    public func contains(_ name: String) -> Bool {
        switch storage {
        case .list: parameter(name) != nil
        case .uri(let source): source.uri.parameters.firstPosition(named: name, in: source.uriBytes) != nil
        case .address(let source): source.address.parameters.firstPosition(named: name, in: source.bytes) != nil
        }
    }

    /// The same parameters in the same order, however each side holds them.
    public static func == (lhs: SIPParameters, rhs: SIPParameters) -> Bool {
        if case .list(let left) = lhs.storage, case .list(let right) = rhs.storage { return left == right }
        return lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for parameter in self { hasher.combine(parameter) }
    }
}
