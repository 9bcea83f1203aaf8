/// An ICE `a=candidate:` attribute (RFC 8839 section 5.1):
/// `<foundation> <component-id> <transport> <priority> <address> <port> typ <type>
/// [raddr <address>] [rport <port>] *(<extension name> <extension value>)`.
public struct SDPCandidate: Hashable, Sendable, CustomStringConvertible {
    /// 1 to 32 `ice-char`s identifying candidates of the same base (RFC 8445 section 5.1.1.3).
    public var foundation: String
    /// Component: 1 for RTP, 2 for RTCP (RFC 8445 section 5.1.1).
    public var component: Int
    /// `UDP` (or `TCP`, RFC 6544), as written.
    public var transport: String
    /// Priority, up to 2^31 - 1 in practice, 10 digits at most (RFC 8839 section 5.1).
    public var priority: Int
    /// Address (IP or FQDN) of the candidate.
    public var address: String
    /// Port, 0 to 65535.
    public var port: Int
    /// `host`, `srflx`, `prflx`, `relay`, or an extension type.
    public var type: String
    /// `raddr`: the related address, for reflexive and relayed candidates.
    public var relatedAddress: String?
    /// `rport`: the related port.
    public var relatedPort: Int?
    /// Other name/value pairs (`generation 0`, `network-id 1`, `tcptype active`), in order.
    public var extensions: SIPParameters

    public init(
        foundation: String,
        component: Int,
        transport: String,
        priority: Int,
        address: String,
        port: Int,
        type: String,
        relatedAddress: String? = nil,
        relatedPort: Int? = nil,
        extensions: SIPParameters = SIPParameters()
    ) {
        self.foundation = foundation
        self.component = component
        self.transport = transport
        self.priority = priority
        self.address = address
        self.port = port
        self.type = type
        self.relatedAddress = relatedAddress
        self.relatedPort = relatedPort
        self.extensions = extensions
    }

    public var description: String {
        var text = "\(foundation) \(component) \(transport) \(priority) \(address) \(port) typ \(type)"
        if let relatedAddress { text += " raddr \(relatedAddress)" }
        if let relatedPort { text += " rport \(relatedPort)" }
        for parameter in extensions {
            text += " \(parameter.name)"
            if let value = parameter.value { text += " \(value)" }
        }
        return text
    }

    /// Parses the value of an `a=candidate` attribute (RFC 8839 section 5.1).
    static func parse(_ value: String, limits: SIPParseLimits) throws(SIPParseError) -> SDPCandidate {
        var text = value
        // withUTF8 rethrows untyped errors: the typed one travels in a Result.
        let result: Result<SDPCandidate, SIPParseError> = text.withUTF8 { utf8 in
            do throws(SIPParseError) {
                return .success(try candidate(utf8[...], limits: limits))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// ``parse(_:limits:)`` of the value's bytes.
    private static func candidate(_ value: SDPBytes, limits: SIPParseLimits) throws(SIPParseError) -> SDPCandidate {
        let numbers = try check(value, limits: limits)
        let all = SDPText.blankSeparatedFields(value)
        // `check` found at least 8 fields; the guard keeps every index below in range regardless.
        guard all.count >= 8 else {
            throw SIPParseError(
                .invalidBody,
                "candidate has \(all.count) fields, needs at least 8 (RFC 8839 section 5.1)"
            )
        }
        var candidate = SDPCandidate(
            foundation: SDPText.string(all[0]),
            component: numbers.component,
            transport: SDPText.string(all[2]),
            priority: numbers.priority,
            address: SDPText.string(all[4]),
            port: numbers.port,
            type: SDPText.string(all[7])
        )
        var extensions: [SIPParameter] = []
        var position = 8
        while position < all.count {
            let name = all[position]
            let next = position + 1 < all.count ? all[position + 1] : nil
            position += 2
            if SDPText.equals(name, "raddr") {
                candidate.relatedAddress = next.map(SDPText.string)
            } else if SDPText.equals(name, "rport") {
                candidate.relatedPort = next.flatMap { SDPText.decimal($0, maximum: 65535) }
            } else {
                extensions.append(SIPParameter(name: SDPText.string(name), value: next.map(SDPText.string)))
            }
        }
        candidate.extensions = SIPParameters(extensions)
        return candidate
    }

    /// Checks the value of an `a=candidate` attribute against every rule of RFC 8839 section 5.1
    /// that ``SDPCandidate`` relies on, and returns its numbers. The SDP parser checks every
    /// candidate line, so this walks the fields in place: no array, no String.
    @discardableResult
    static func check(
        _ value: SDPBytes,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> (component: Int, priority: Int, port: Int) {
        // The fields the rules read, then how many fields there are in all.
        var position = value.startIndex
        var count = 0
        var foundation = value[value.startIndex..<value.startIndex]
        var componentField = foundation
        var priorityField = foundation
        var portField = foundation
        var typeKeyword = foundation
        var extensionsStart = value.endIndex
        while let field = SDPText.nextField(value, from: &position) {
            switch count {
            case 0: foundation = field
            case 1: componentField = field
            case 3: priorityField = field
            case 5: portField = field
            case 6: typeKeyword = field
            case 7: extensionsStart = position
            default: break
            }
            count += 1
        }
        guard count >= 8 else {
            throw SIPParseError(.invalidBody, "candidate has \(count) fields, needs at least 8 (RFC 8839 section 5.1)")
        }
        guard !foundation.isEmpty, foundation.count <= 32 else {
            throw SIPParseError(.invalidBody, "candidate foundation is not 1 to 32 characters (RFC 8839 section 5.1)")
        }
        guard let component = SDPText.decimal(componentField, maximum: 256), component > 0 else {
            throw SIPParseError(
                .invalidBody,
                "candidate component '\(SDPText.string(componentField))' is not a number in 1...256 "
                    + "(RFC 8839 section 5.1)"
            )
        }
        guard let priority = SDPText.decimal(priorityField), priorityField.count <= 10 else {
            throw SIPParseError(
                .invalidBody,
                "candidate priority '\(SDPText.string(priorityField))' is not 1 to 10 digits (RFC 8839 section 5.1)"
            )
        }
        guard let port = SDPText.decimal(portField, maximum: 65535) else {
            throw SIPParseError(
                .invalidBody,
                "candidate port '\(SDPText.string(portField))' is not a number in 0...65535 (RFC 8839 section 5.1)"
            )
        }
        guard SDPText.equals(typeKeyword, "typ") else {
            throw SIPParseError(.invalidBody, "candidate lacks 'typ <type>' (RFC 8839 section 5.1)")
        }
        try checkExtensions(value, from: extensionsStart, limits: limits)
        return (component, priority, port)
    }

    /// The `<name> <value>` pairs after the type (RFC 8839 section 5.1): `rport` must be a port,
    /// and the other extensions count against ``SIPParseLimits/maxParameters``.
    private static func checkExtensions(
        _ value: SDPBytes,
        from start: Int,
        limits: SIPParseLimits
    ) throws(SIPParseError) {
        var position = start
        var extensions = 0
        while let name = SDPText.nextField(value, from: &position) {
            let next = SDPText.nextField(value, from: &position)
            if SDPText.equals(name, "raddr") { continue }
            if SDPText.equals(name, "rport") {
                guard let next, SDPText.decimal(next, maximum: 65535) != nil else {
                    throw SIPParseError(
                        .invalidBody,
                        "candidate rport is not a number in 0...65535 (RFC 8839 section 5.1)"
                    )
                }
                continue
            }
            guard extensions < limits.maxParameters else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxParameters) candidate extensions (limit maxParameters)"
                )
            }
            extensions += 1
        }
    }
}
