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
        let fields = try checkedFields(value, limits: limits)
        var candidate = SDPCandidate(
            foundation: SDPText.string(fields.all[0]),
            component: fields.component,
            transport: SDPText.string(fields.all[2]),
            priority: fields.priority,
            address: SDPText.string(fields.all[4]),
            port: fields.port,
            type: SDPText.string(fields.all[7])
        )
        var extensions: [SIPParameter] = []
        var position = 8
        while position < fields.all.count {
            let name = fields.all[position]
            let next = position + 1 < fields.all.count ? fields.all[position + 1] : nil
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

    /// Checks the value of an `a=candidate` attribute as ``parse(_:limits:)`` does, with the same
    /// errors, without making its Strings: the SDP parser checks every candidate line, and
    /// values are made only when read.
    static func check(_ value: SDPBytes, limits: SIPParseLimits) throws(SIPParseError) {
        _ = try checkedFields(value, limits: limits)
    }

    /// The blank-separated fields of a candidate and its numbers, once every rule of RFC 8839
    /// section 5.1 that ``SDPCandidate`` relies on holds.
    private static func checkedFields(
        _ value: SDPBytes,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> (all: [SDPBytes], component: Int, priority: Int, port: Int) {
        let fields = SDPText.blankSeparatedFields(value)
        guard fields.count >= 8 else {
            throw SIPParseError(
                .invalidBody,
                "candidate has \(fields.count) fields, needs at least 8 (RFC 8839 section 5.1)"
            )
        }
        guard !fields[0].isEmpty, fields[0].count <= 32 else {
            throw SIPParseError(.invalidBody, "candidate foundation is not 1 to 32 characters (RFC 8839 section 5.1)")
        }
        guard let component = SDPText.decimal(fields[1], maximum: 256), component > 0 else {
            throw SIPParseError(
                .invalidBody,
                "candidate component '\(SDPText.string(fields[1]))' is not a number in 1...256 (RFC 8839 section 5.1)"
            )
        }
        guard let priority = SDPText.decimal(fields[3]), fields[3].count <= 10 else {
            throw SIPParseError(
                .invalidBody,
                "candidate priority '\(SDPText.string(fields[3]))' is not 1 to 10 digits (RFC 8839 section 5.1)"
            )
        }
        guard let port = SDPText.decimal(fields[5], maximum: 65535) else {
            throw SIPParseError(
                .invalidBody,
                "candidate port '\(SDPText.string(fields[5]))' is not a number in 0...65535 (RFC 8839 section 5.1)"
            )
        }
        guard SDPText.equals(fields[6], "typ") else {
            throw SIPParseError(.invalidBody, "candidate lacks 'typ <type>' (RFC 8839 section 5.1)")
        }
        var extensions = 0
        var position = 8
        while position < fields.count {
            let name = fields[position]
            let next = position + 1 < fields.count ? fields[position + 1] : nil
            position += 2
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
        return (fields, component, priority, port)
    }
}
