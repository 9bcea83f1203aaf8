/// One Via value: RFC 3261 section 20.42 and 25.1
/// `via-parm = sent-protocol LWS sent-by *( SEMI via-params )`, with
/// `sent-protocol = protocol-name SLASH protocol-version SLASH transport`.
public struct SIPVia: Hashable, Sendable, CustomStringConvertible {
    /// The `rport` parameter of RFC 3581 section 3: asked for by a client, filled in by a server.
    public enum ResponsePort: Hashable, Sendable {
        /// No `rport` parameter.
        case absent
        /// `;rport` without a value: the client asks for the source port (RFC 3581 section 3).
        case requested
        /// `;rport=5060`: the source port seen by the server (RFC 3581 section 4).
        case value(UInt16)
    }

    /// The magic cookie that starts RFC 3261 branch values (RFC 3261 section 8.1.1.7).
    public static let magicCookie = "z9hG4bK"

    /// The components as Strings: values built in code, set through a property, or read by the
    /// full parser. Equality and hashing are those of these fields, however the value was made.
    struct Fields: Hashable, Sendable {
        var protocolName: String
        var protocolVersion: String
        var transport: String
        var host: SIPHost
        var port: UInt16?
        var parameters: SIPParameters
        var rawText: SIPSourceText
    }

    /// The fields of a value that is not in the plain storage, boxed so that a Via stays small
    /// in the arrays ``SIPMessage/via()`` returns.
    private final class FieldsBox: Sendable {
        let fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }

    private enum Storage: Sendable {
        case fields(FieldsBox)
        /// A usual Via read in one pass (``SIPVia/appendPlainList(_:to:limits:)``): its bytes and where the
        /// components lie in them; Strings are made when a property is read.
        case plain(ArraySlice<UInt8>, PlainLayout)
    }

    private var storage: Storage

    /// `protocol-name` as written, normally `SIP`.
    public var protocolName: String {
        get {
            switch storage {
            case .fields(let box): box.fields.protocolName
            case .plain(let bytes, let layout): SIPText.token(layout.protocolName(of: bytes))
            }
        }
        set { update { $0.protocolName = newValue } }
    }

    /// `protocol-version` as written, normally `2.0`.
    public var protocolVersion: String {
        get {
            switch storage {
            case .fields(let box): box.fields.protocolVersion
            case .plain(let bytes, let layout): SIPText.token(layout.protocolVersion(of: bytes))
            }
        }
        set { update { $0.protocolVersion = newValue } }
    }

    /// The transport, uppercased: `UDP`, `TCP`, `TLS`, `SCTP`, `WS`, `WSS` or another token
    /// (RFC 3261 section 25.1 `other-transport`; RFC 4475 section 3.1.1.10).
    public var transport: String {
        get {
            switch storage {
            case .fields(let box): box.fields.transport
            case .plain(let bytes, let layout): SIPText.uppercasedString(layout.transport(of: bytes))
            }
        }
        set { update { $0.transport = newValue } }
    }

    /// The sent-by host (RFC 3261 section 18.2.1).
    public var host: SIPHost {
        get {
            switch storage {
            case .fields(let box): box.fields.host
            case .plain(let bytes, let layout): layout.host(of: bytes)
            }
        }
        set { update { $0.host = newValue } }
    }

    /// The sent-by port, when written.
    public var port: UInt16? {
        get {
            switch storage {
            case .fields(let box): box.fields.port
            case .plain(_, let layout): layout.port
            }
        }
        set { update { $0.port = newValue } }
    }

    /// The via-params in order (`branch`, `received`, `rport`, `maddr`, `ttl`, extensions).
    public var parameters: SIPParameters {
        get {
            switch storage {
            case .fields(let box): box.fields.parameters
            case .plain(let bytes, let layout): layout.parameters(of: bytes)
            }
        }
        set { update { $0.parameters = newValue } }
    }

    /// The value as written, trimmed.
    public var raw: String {
        get {
            switch storage {
            case .fields(let box): box.fields.rawText.string
            case .plain(let bytes, _): SIPText.string(bytes)
            }
        }
        set { update { $0.rawText = SIPSourceText(newValue) } }
    }

    public init(
        protocolName: String = "SIP",
        protocolVersion: String = "2.0",
        transport: String,
        host: SIPHost,
        port: UInt16? = nil,
        parameters: SIPParameters = SIPParameters(),
        raw: String
    ) {
        self.init(
            Fields(
                protocolName: protocolName,
                protocolVersion: protocolVersion,
                transport: transport,
                host: host,
                port: port,
                parameters: parameters,
                rawText: SIPSourceText(raw)
            )
        )
    }

    /// A Via of the given fields (the full parser's, whose `raw` text is the message bytes).
    init(_ fields: Fields) {
        storage = .fields(FieldsBox(fields))
    }

    /// A usual Via read in one pass: `bytes` are its trimmed value, `layout` where its parts are.
    init(plain bytes: ArraySlice<UInt8>, layout: PlainLayout) {
        storage = .plain(bytes, layout)
    }

    /// Every component as Strings (made from the bytes for a plain Via).
    var fields: Fields {
        switch storage {
        case .fields(let box):
            return box.fields
        case .plain(let bytes, let layout):
            return Fields(
                protocolName: protocolName,
                protocolVersion: protocolVersion,
                transport: transport,
                host: layout.host(of: bytes),
                port: layout.port,
                parameters: layout.parameters(of: bytes),
                rawText: SIPSourceText(bytes: bytes)
            )
        }
    }

    /// Whether this value holds the bytes of a plain Via (for tests).
    var isPlain: Bool {
        if case .plain = storage { true } else { false }
    }

    /// Setting a component keeps the others as they read, and `raw` as it was (as when the
    /// components were stored properties).
    private mutating func update(_ change: (inout Fields) -> Void) {
        var changed = fields
        change(&changed)
        storage = .fields(FieldsBox(changed))
    }

    public static func == (lhs: SIPVia, rhs: SIPVia) -> Bool {
        // Every component of a plain Via follows from its bytes, which are ASCII: equal bytes
        // are equal fields, and equal fields (raw included) are equal bytes.
        if case .plain(let left, _) = lhs.storage, case .plain(let right, _) = rhs.storage {
            return left.elementsEqual(right)
        }
        return lhs.fields == rhs.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
    }

    // MARK: - Accessors

    /// `SIP/2.0/UDP`.
    public var sentProtocol: String { protocolName + "/" + protocolVersion + "/" + transport }

    /// The `branch` parameter, the transaction identifier (RFC 3261 section 8.1.1.7, 17.2.3).
    public var branch: String? { value("branch") }

    /// Whether ``branch`` starts with `z9hG4bK`, so that the RFC 3261 transaction matching of
    /// section 17.2.3 applies (otherwise RFC 2543 matching, RFC 3261 section 8.1.1.7).
    /// True for a branch that is only the cookie (RFC 4475 section 3.2.1).
    public var hasMagicCookie: Bool { branch?.hasPrefix(Self.magicCookie) ?? false }

    /// The `received` parameter: the source address a server saw (RFC 3261 section 18.2.1), IPv6
    /// with or without brackets (RFC 5118 section 4.5).
    public var received: String? { value("received") }

    /// The `rport` parameter (RFC 3581 section 3, 4).
    public var rport: ResponsePort {
        let parameter: SIPParameter?
        switch storage {
        case .fields(let box): parameter = box.fields.parameters.parameter("rport")
        case .plain(let bytes, let layout):
            parameter = layout.parameter("rport", of: bytes).map {
                SIPParameter(name: "rport", value: $0.value.map(SIPText.string))
            }
        }
        guard let parameter else { return .absent }
        guard let text = parameter.value, !text.isEmpty else { return .requested }
        guard let port = SIPText.decimal(text.utf8, maximum: UInt64(UInt16.max)) else { return .requested }
        return .value(UInt16(truncatingIfNeeded: port))
    }

    /// The `maddr` parameter (RFC 3261 section 18.2.2).
    public var maddr: String? { value("maddr") }

    /// The `ttl` parameter, 0 to 255 (RFC 3261 section 25.1 `ttl = 1*3DIGIT`).
    public var ttl: UInt8? {
        value("ttl").flatMap { SIPText.decimal($0.utf8, maximum: 255) }.map {
            UInt8(truncatingIfNeeded: $0)
        }
    }

    /// The non-empty value of the first parameter named `name` (lower case), found in the bytes
    /// of a plain Via without making its other parameters.
    private func value(_ name: String) -> String? {
        let found: String?
        switch storage {
        case .fields(let box): found = box.fields.parameters[name] ?? nil
        case .plain(let bytes, let layout): found = layout.parameter(name, of: bytes)?.value.map(SIPText.string)
        }
        guard let found, !found.isEmpty else { return nil }
        return found
    }

    /// `SIP/2.0/UDP host:port;params`, normalised.
    public var description: String {
        var text = sentProtocol + " " + host.text
        if let port { text += ":" + String(port) }
        for parameter in parameters {
            text += ";" + SIPText.parameterText(parameter)
        }
        return text
    }

    // MARK: - Parsing

    /// Parses one Via value. Line folding and white space around `/`, `;` and `=` are allowed
    /// (RFC 4475 section 3.1.1.1).
    ///
    /// Throws ``SIPParseError/Code/invalidHeaderValue`` for a malformed sent-protocol or sent-by,
    /// an unbracketed IPv6 sent-by (RFC 5118 section 4.2), a port above 65535, an empty parameter
    /// (RFC 4475 section 3.1.2.1), a `branch` without value, a `ttl` above 255 or an `rport` that is
    /// not a port number.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPVia {
        var notes: [SIPParseNote] = []
        return try parse(bytes, limits: limits, notes: &notes)
    }

    /// ``parse(_:limits:)``, noting a `received` that is not an IP address (RFC 3261 section 25.1
    /// `via-received`), an empty `rport=`, `_` in the host name.
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPVia {
        let value = SIPScanner.trimmed(bytes)
        if let via = plain(value, limits: limits) { return via }
        return try parseInFull(value, limits: limits, notes: &notes)
    }

    /// ``parse(_:limits:notes:)`` of a trimmed value without the one-pass reading of usual values
    /// (``plain(_:limits:)``): every shape, with its notes and errors.
    static func parseInFull(
        _ value: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPVia {
        var scanner = SIPScanner(value)
        func failure(_ reason: String) -> SIPParseError {
            SIPParseError(.invalidHeaderValue, reason, offset: scanner.index)
        }
        guard let name = scanner.token() else {
            throw failure("Via must start with the protocol name 'SIP' (RFC 3261 section 20.42)")
        }
        guard scanner.consumeSeparator(0x2F) else { throw failure("expected '/' after the Via protocol name") }
        guard let version = scanner.token() else { throw failure("expected the protocol version after 'SIP/'") }
        guard scanner.consumeSeparator(0x2F) else { throw failure("expected '/' and a transport after the version") }
        guard let transport = scanner.token() else { throw failure("expected a transport after 'SIP/2.0/'") }
        let afterTransport = scanner.index
        scanner.skipWhitespace()
        guard scanner.index > afterTransport else {
            throw failure("expected white space between the transport and sent-by (RFC 3261 section 25.1)")
        }
        guard var hostport = scanner.scan(while: isHostPortCharacter) else {
            throw failure("expected the sent-by host after the transport")
        }
        // sent-by = host [ COLON port ] with COLON = SWS ":" SWS (RFC 3261 section 25.1): white
        // space may stand on either side of the colon, `host : 5060`.
        var spacedPort: (colon: Int, digits: ArraySlice<UInt8>?)?
        if let last = hostport.last, last == 0x3A {
            var probe = scanner
            probe.skipWhitespace()
            if probe.index > scanner.index, let digits = probe.scan(while: SIPText.isDigit) {
                scanner = probe
                spacedPort = (hostport.endIndex - 1, digits)
                hostport = hostport.dropLast()
            }
        } else if let next = scanner.peek(), SIPScanner.isWhitespace(next) {
            var probe = scanner
            probe.skipWhitespace()
            let colon = probe.index
            if probe.consume(0x3A) {
                probe.skipWhitespace()
                scanner = probe
                spacedPort = (colon, scanner.scan(while: SIPText.isDigit))
            }
        }
        var sentBy = try SIPHost.parseHostPort(hostport, code: .invalidHeaderValue, notes: &notes)
        if let spacedPort {
            guard sentBy.port == nil else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "unexpected ':' after the sent-by port in Via (RFC 3261 section 25.1 sent-by)",
                    offset: spacedPort.colon
                )
            }
            sentBy.port = try SIPHost.parsePort(
                spacedPort.digits ?? scanner.consumed(from: scanner.index),
                after: sentBy.host,
                colon: spacedPort.colon,
                code: .invalidHeaderValue
            )
        }
        var checked = CheckedParameters()
        let parameters = try scanner.parameters(limits: limits) { name, position in checked.note(name, position) }
        scanner.skipWhitespace()
        if let byte = scanner.peek() {
            throw failure("unexpected \(SIPText.describe(byte)) in Via (expected ';' and a parameter)")
        }
        let via = Fields(
            protocolName: SIPText.token(name),
            protocolVersion: SIPText.token(version),
            transport: SIPText.uppercasedString(transport),
            host: sentBy.host,
            port: sentBy.port,
            parameters: parameters,
            rawText: SIPSourceText(bytes: value)
        )
        try validateParameters(via.parameters, checked, offset: hostport.startIndex, notes: &notes)
        return SIPVia(via)
    }

    /// Parses a Via header with one or more comma-separated values (RFC 3261 section 7.3.1, 20.42).
    public static func parseList(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> [SIPVia] {
        var notes: [SIPParseNote] = []
        return try parseList(bytes, limits: limits, notes: &notes)
    }

    /// ``parseList(_:limits:)`` with the notes of ``parse(_:limits:notes:)``.
    public static func parseList(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> [SIPVia] {
        var result: [SIPVia] = []
        try appendList(bytes, to: &result, limits: limits, notes: &notes)
        return result
    }

    /// Parses a Via header value like ``parseList(_:limits:notes:)`` and appends its values to
    /// `result`, so that several Via lines make one array without intermediate ones.
    static func appendList(
        _ bytes: ArraySlice<UInt8>,
        to result: inout [SIPVia],
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) {
        if appendPlainList(bytes, to: &result, limits: limits) { return }
        try SIPScanner.appendList(bytes, to: &result, limits: limits, emptyReason: "empty Via header", notes: &notes) {
            element,
            notes throws(SIPParseError) in try parse(element, limits: limits, notes: &notes)
        }
    }

    /// Where the first via-params with a grammar of their own are in ``parameters``, noted while
    /// parsing from the name bytes (what ``SIPParameters/parameter(_:)`` would find, without
    /// comparing Strings).
    private struct CheckedParameters {
        var branch: Int?
        var ttl: Int?
        var rport: Int?
        var received: Int?

        mutating func note(_ name: ArraySlice<UInt8>, _ position: Int) {
            switch name.count {
            case 3 where ttl == nil && SIPText.equalsIgnoringCase(name, "ttl"): ttl = position
            case 5 where rport == nil && SIPText.equalsIgnoringCase(name, "rport"): rport = position
            case 6 where branch == nil && SIPText.equalsIgnoringCase(name, "branch"): branch = position
            case 8 where received == nil && SIPText.equalsIgnoringCase(name, "received"): received = position
            default: break
            }
        }
    }

    /// The parameter at `position` of `parameters`, if noted and present.
    private static func parameter(at position: Int?, in parameters: SIPParameters) -> SIPParameter? {
        guard let position, parameters.indices.contains(position) else { return nil }
        return parameters[position]
    }

    /// The via-params with a grammar of their own (RFC 3261 section 25.1; RFC 3581 section 3).
    private static func validateParameters(
        _ parameters: SIPParameters,
        _ checked: CheckedParameters,
        offset: Int,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) {
        if let branch = parameter(at: checked.branch, in: parameters), (branch.value ?? "").isEmpty {
            throw SIPParseError(
                .invalidHeaderValue,
                "Via branch parameter without a value (RFC 3261 section 25.1 via-branch)",
                offset: offset
            )
        }
        if let ttl = parameter(at: checked.ttl, in: parameters) {
            let text = (ttl.value ?? "").utf8
            guard text.count <= 3, SIPText.decimal(text, maximum: 255) != nil else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "Via ttl \(SIPText.excerpt(Array(text)[...])) is not a number from 0 to 255 (RFC 3261 section 25.1 ttl)",
                    offset: offset
                )
            }
        }
        if let rport = parameter(at: checked.rport, in: parameters), let text = rport.value?.utf8 {
            if text.isEmpty {
                notes.append(
                    SIPParseNote(
                        .invalidHeaderValue,
                        "Via 'rport=' without a port (RFC 3581 section 3); read as ';rport'",
                        offset: offset
                    )
                )
            } else if SIPText.decimal(text, maximum: UInt64(UInt16.max)) == nil {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "Via rport \(SIPText.excerpt(Array(text)[...])) is not a port number from 0 to 65535 (RFC 3581 section 3)",
                    offset: offset
                )
            }
        }
        if let received = parameter(at: checked.received, in: parameters) {
            let text = received.value ?? ""
            if !SIPHost.isIPv4(text.utf8), !isIPv6Address(Array(text.utf8)[...]) {
                notes.append(
                    SIPParseNote(
                        .invalidHeaderValue,
                        "Via received \(SIPText.excerpt(Array(text.utf8)[...])) is not an IP address (RFC 3261 section 25.1 via-received)",
                        offset: offset
                    )
                )
            }
        }
    }

    /// IPv6, or bracketed IPv6 (RFC 5118 section 4.5 accepts both forms in `received`).
    private static func isIPv6Address(_ bytes: ArraySlice<UInt8>) -> Bool {
        var inner = bytes
        if bytes.first == 0x5B {
            guard bytes.last == 0x5D, bytes.count >= 2 else { return false }
            inner = bytes.dropFirst().dropLast()
        }
        var ignored: [SIPParseNote] = []
        do {
            try SIPHost.validateIPv6(inner, code: .invalidHeaderValue, notes: &ignored)
            return true
        } catch {
            return false
        }
    }

    /// Bytes of `host [ ":" port ]`: alphanumerics, `-`, `.`, `_`, `:` and the IPv6 brackets.
    private static func isHostPortCharacter(_ byte: UInt8) -> Bool {
        SIPText.isAlphanumeric(byte) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x3A || byte == 0x5B
            || byte == 0x5D
    }
}
