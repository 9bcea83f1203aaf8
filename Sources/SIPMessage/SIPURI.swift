/// A URI as SIP carries it: `sip:` and `sips:` (RFC 3261 section 19.1), `tel:` (RFC 3966), and any
/// other scheme kept opaque (RFC 3986 section 3; RFC 4475 sections 3.3.2 to 3.3.4 require parsing them).
///
/// Components keep their `%HH` escapes as written; ``userDecoded``, ``decodedParameters`` and
/// ``decoded(_:)`` resolve them on request (RFC 3261 section 19.1.2). Equality compares the
/// components as written, not the equivalence rules of RFC 3261 section 19.1.4.
public struct SIPURI: Hashable, Sendable, CustomStringConvertible {
    /// The components, in one reference-counted box: a URI sits inside addresses, Vias and
    /// start lines that are copied and returned by value, and copying a box is one retain where
    /// copying the components was one per String (most of an address header's parse cost).
    /// Writes copy the box first unless this value is its only owner. `nil` when ``source`` holds the URI:
    /// exactly one of the two is set.
    private var fields: Fields?
    /// The bytes of a parsed URI and where its components are (also those of the address it
    /// is in, if any): Strings are made when read. `nil` once written, or when made in code.
    private var source: SIPAddressSource?

    /// The scheme, lowercased (schemes are case-insensitive, RFC 3986 section 3.1): `sip`, `sips`, `tel`, ...
    public var scheme: String {
        get { source?.scheme ?? fields?.scheme ?? "" }
        set { uniqueFields().scheme = newValue }
    }
    /// Everything after `scheme:`, as written. The only content of URIs of other schemes.
    public var opaque: String {
        get { source?.opaque ?? fields?.opaqueText.string ?? "" }
        set { uniqueFields().opaqueText = SIPSourceText(newValue) }
    }
    /// The user part of a sip/sips URI, escapes kept (RFC 3261 section 19.1.1 `user`); may contain `;`
    /// (RFC 4475 section 3.1.1.9). `nil` without `@`.
    public var user: String? {
        get {
            if let source { return source.user }
            return fields?.user
        }
        set { uniqueFields().user = newValue }
    }
    /// The password after `user:` (RFC 3261 section 19.1.1; its use is NOT RECOMMENDED). Not shown by ``description``.
    public var password: String? {
        get { fields?.password }
        set { uniqueFields().password = newValue }
    }
    /// The host of a sip/sips URI.
    public var host: SIPHost? {
        get { source?.host ?? fields?.host }
        set { uniqueFields().host = newValue }
    }
    /// The port of a sip/sips URI, when written.
    public var port: UInt16? {
        get {
            if let source { return source.uri.port }
            return fields?.port
        }
        set { uniqueFields().port = newValue }
    }
    /// URI parameters (`;transport=tcp;lr`), escapes kept (RFC 3261 section 19.1.1); for tel, the
    /// RFC 3966 parameters (`;phone-context=...;ext=...`).
    public var parameters: SIPParameters {
        get {
            if let source { return SIPParameters(source, uri: true) }
            return fields?.parameters ?? SIPParameters()
        }
        set { uniqueFields().parameters = newValue }
    }
    /// URI headers (`?Subject=x&Replaces=...`), escapes kept (RFC 3261 section 19.1.1).
    public var headers: [SIPParameter] {
        get { fields?.headers ?? [] }
        set { uniqueFields().headers = newValue }
    }
    /// The number of a tel URI as written, visual separators included (RFC 3966 section 3).
    public var telephoneNumber: String? {
        get { fields?.telephoneNumber }
        set { uniqueFields().telephoneNumber = newValue }
    }
    /// The URI exactly as written.
    public var raw: String {
        get { source?.uriRaw ?? fields?.rawText.string ?? "" }
        set { uniqueFields().rawText = SIPSourceText(newValue) }
    }

    public init(
        scheme: String,
        opaque: String,
        user: String? = nil,
        password: String? = nil,
        host: SIPHost? = nil,
        port: UInt16? = nil,
        parameters: SIPParameters = SIPParameters(),
        headers: [SIPParameter] = [],
        telephoneNumber: String? = nil,
        raw: String
    ) {
        fields = Fields(
            scheme: scheme,
            opaqueText: SIPSourceText(opaque),
            user: user,
            password: password,
            host: host,
            port: port,
            parameters: parameters,
            headers: headers,
            telephoneNumber: telephoneNumber,
            rawText: SIPSourceText(raw)
        )
    }

    /// A URI made of parsed components.
    init(_ fields: Fields) {
        self.fields = fields
    }

    /// A parsed URI kept as its bytes (alone, or inside an address).
    init(source: SIPAddressSource) {
        self.source = source
    }

    /// The box, copied first when another value shares it, so that writing one value never
    /// changes another; made from the source the first time a parsed URI is written.
    private mutating func uniqueFields() -> Fields {
        if isKnownUniquelyReferenced(&fields), let fields { return fields }
        let made = fields?.copy() ?? Fields(copying: self)
        fields = made
        source = nil
        return made
    }

    public static func == (lhs: SIPURI, rhs: SIPURI) -> Bool {
        // Two parsed URIs of the same bytes have the same components: the parse depends on nothing else.
        if let left = lhs.source, let right = rhs.source {
            return left === right || left.uriBytes.elementsEqual(right.uriBytes)
        }
        if let left = lhs.fields, let right = rhs.fields {
            return left === right || left.hasEqualComponents(to: right)
        }
        return Fields(copying: lhs).hasEqualComponents(to: Fields(copying: rhs))
    }

    public func hash(into hasher: inout Hasher) {
        // A parsed value hashes as the same value built in code: one description of its components.
        (fields ?? Fields(copying: self)).hash(into: &hasher)
    }

    /// Parses `text` with the default limits; `nil` when it is not a valid URI.
    public init?(_ text: String) {
        guard let uri = try? Self.parse(Array(text.utf8)[...], limits: .default) else { return nil }
        self = uri
    }

    // MARK: - Accessors

    /// Whether this is a `sips:` URI, which requires TLS on every hop (RFC 3261 section 19.1, 26.2.2).
    public var isSecure: Bool { scheme == "sips" }

    /// Whether the scheme is `sip` or `sips`.
    public var isSIP: Bool { scheme == "sip" || scheme == "sips" }

    /// The `transport` parameter, percent-decoded, as written (RFC 3261 section 19.1.1; compare case-insensitively).
    public var transport: String? { decodedParameter("transport") }

    /// The `user` parameter (`phone` or `ip`, RFC 3261 section 19.1.1).
    public var userParameter: String? { decodedParameter("user") }

    /// The `maddr` parameter (RFC 3261 section 19.1.1).
    public var maddr: String? { decodedParameter("maddr") }

    /// The `method` parameter (RFC 3261 section 19.1.1).
    public var method: String? { decodedParameter("method") }

    /// Whether the `lr` parameter is present: the URI is a loose router (RFC 3261 section 19.1.1, 16.12).
    public var isLooseRouter: Bool { decodedParameters.contains("lr") }

    /// The user part with escapes resolved (RFC 3261 section 19.1.2), e.g. `I have spaces` (RFC 4475 section 3.1.1.3).
    public var userDecoded: SIPPercentDecoded? { user.map { SIPPercentDecoded($0) } }

    /// The parameters with names and values percent-decoded, so that `;%6C%72` is found as `lr`
    /// (RFC 4475 section 3.1.1.3). Escapes that are not valid are kept as written.
    public var decodedParameters: SIPParameters {
        guard parameters.contains(where: { $0.name.utf8.contains(0x25) || $0.value?.utf8.contains(0x25) == true })
        else { return parameters }
        return SIPParameters(
            parameters.map {
                SIPParameter(name: Self.decoded($0.name).text, value: $0.value.map { Self.decoded($0).text })
            }
        )
    }

    /// Resolves `%HH` escapes in `text`, a component of this or another URI (RFC 3261 section 19.1.2).
    /// Invalid escapes are kept as written and reported in the result.
    public static func decoded(_ text: String) -> SIPPercentDecoded {
        SIPPercentDecoded(text)
    }

    /// The URI as written, with any password replaced by `***` so that it can be logged.
    public var description: String {
        guard let password, let user, isSIP, !password.isEmpty else { return raw }
        // raw is `scheme ":" user ":" password "@" ...`, byte for byte.
        let head = scheme.utf8.count + 1 + user.utf8.count + 1
        let utf8 = raw.utf8
        return String(decoding: utf8.prefix(head), as: UTF8.self) + "***"
            + String(decoding: utf8.dropFirst(head + password.utf8.count), as: UTF8.self)
    }

    private func decodedParameter(_ name: String) -> String? {
        decodedParameters[name] ?? nil
    }

    // MARK: - Parsing

    /// Parses one URI, exactly `bytes` (no surrounding white space or `<` `>`).
    ///
    /// Throws ``SIPParseError/Code/invalidURI`` with the byte offset for white space inside the URI
    /// (RFC 4475 section 3.1.2.8), a URI in `<` `>` (section 3.1.2.7), a missing scheme or host, an
    /// unbracketed IPv6 address (RFC 5118 section 4.2), a port above 65535, empty parameters, or
    /// characters no grammar allows; ``SIPParseError/Code/limitExceeded`` past `limits.maxParameters`.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPURI {
        var notes: [SIPParseNote] = []
        return try parse(bytes, limits: limits, notes: &notes)
    }

    /// Parses one URI like ``parse(_:limits:)``, adding to `notes` what was accepted although the
    /// grammar forbids it: stray characters such as `#` in a user part, `%` not starting an escape,
    /// `_` in host names, the three-colon IPv6 form (RFC 5118 section 4.10), a tel number without context.
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPURI {
        if let uri = plainSIP(bytes, limits: limits) { return uri }
        return try parseInFull(bytes, limits: limits, notes: &notes)
    }

    /// ``parse(_:limits:notes:)`` for any URI, component by component: what the usual URIs skip
    /// (``plainSIP(_:limits:)``), and what says exactly what is wrong with the others.
    static func parseInFull(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPURI {
        guard let first = bytes.first else {
            throw SIPParseError(.invalidURI, "empty URI", offset: bytes.startIndex)
        }
        // One pass on the slice's buffer: white space and control characters are errors, the
        // first ':' ends the scheme, and the first '@' after it ends a SIP URI's userinfo.
        let (colon, at, bad) = bytes.withUnsafeBufferPointer { buffer -> (Int?, Int?, Int?) in
            var colon: Int?
            var at: Int?
            // Every read is at an offset checked against buffer.count by the loop condition.
            var offset = 0
            while offset < buffer.count {
                let byte = buffer[offset]
                if byte <= 0x20 || byte == 0x7F { return (colon, at, offset) }
                if byte == 0x3A, colon == nil {
                    colon = offset
                } else if byte == 0x40, at == nil, colon != nil {
                    at = offset
                }
                offset += 1
            }
            return (colon, at, nil)
        }
        if let bad {
            let position = bytes.startIndex + bad
            if position < bytes.endIndex {
                let byte = bytes[position]
                throw SIPParseError(
                    .invalidURI,
                    SIPScanner.isWhitespace(byte)
                        ? "white space inside URI \(SIPText.excerpt(bytes)) (RFC 3261 section 19.1; RFC 4475 section 3.1.2.8)"
                        : "control character \(SIPText.describe(byte)) in URI (escape it as %HH, RFC 3261 section 19.1.2)",
                    offset: position
                )
            }
        }
        if first == 0x3C {
            throw SIPParseError(
                .invalidURI,
                "URI enclosed in '<' '>' where a bare URI is required (RFC 3261 section 25.1; RFC 4475 section 3.1.2.7)",
                offset: bytes.startIndex
            )
        }
        guard let colon = colon.map({ bytes.startIndex + $0 }) else {
            throw SIPParseError(
                .invalidURI,
                "URI \(SIPText.excerpt(bytes)) has no scheme (expected 'sip:', 'sips:', 'tel:', ...)",
                offset: bytes.startIndex
            )
        }
        let schemeBytes = bytes[bytes.startIndex..<colon]
        guard SIPText.isAlpha(first),
            schemeBytes.allSatisfy({ SIPText.isAlphanumeric($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
        else {
            throw SIPParseError(
                .invalidURI,
                "invalid URI scheme \(SIPText.excerpt(schemeBytes)) (RFC 3986 section 3.1)",
                offset: bytes.startIndex
            )
        }
        let rest = bytes[(colon + 1)...]
        // The three schemes with a grammar are recognised on the bytes, so that their names are
        // string literals rather than lowercased copies.
        if SIPText.equalsIgnoringCase(schemeBytes, "sip") || SIPText.equalsIgnoringCase(schemeBytes, "sips") {
            let scheme = schemeBytes.count == 3 ? "sip" : "sips"
            return try parseSIP(bytes, rest: rest, at: at.map { bytes.startIndex + $0 }, scheme: scheme, limits, &notes)
        }
        let isTel = SIPText.equalsIgnoringCase(schemeBytes, "tel")
        var uri = SIPURI(
            Fields(
                scheme: isTel ? "tel" : SIPText.lowercasedString(schemeBytes),
                opaqueText: SIPSourceText(bytes: rest),
                rawText: SIPSourceText(bytes: bytes)
            )
        )
        if isTel {
            try parseTel(rest, into: &uri, limits: limits, notes: &notes)
        } else {
            try checkCharacters(rest, allowed: .opaque, component: "URI", notes: &notes)
        }
        return uri
    }

    /// `[ userinfo ] hostport uri-parameters [ headers ]` (RFC 3261 section 19.1.1, 25.1) after
    /// `scheme:`; `at` is the first `@` in `rest`, found by the caller's pass over the bytes. The components are collected first and the URI made once, without copies.
    private static func parseSIP(
        _ bytes: ArraySlice<UInt8>,
        rest: ArraySlice<UInt8>,
        at: Int?,
        scheme: String,
        _ limits: SIPParseLimits,
        _ notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPURI {
        var hostStart = rest.startIndex
        var user: String?
        var password: String?
        // A valid SIP URI has at most one '@' (user, password, parameters and headers must
        // escape it), and the user part may contain ';' '?' '/' (RFC 4475 sections 3.1.1.2, 3.1.1.9):
        // so userinfo ends at the first '@'.
        if let at, rest.indices.contains(at) {
            let userinfo = rest[rest.startIndex..<at]
            let passwordColon = userinfo.firstIndex(of: 0x3A)
            let userBytes = userinfo[userinfo.startIndex..<(passwordColon ?? userinfo.endIndex)]
            guard !userBytes.isEmpty else {
                throw SIPParseError(.invalidURI, "empty user part before '@' (RFC 3261 section 25.1)", offset: at)
            }
            try checkCharacters(userBytes, allowed: .user, component: "user part", notes: &notes)
            user = SIPText.string(userBytes)
            if let passwordColon {
                let passwordBytes = userinfo[(passwordColon + 1)...]
                try checkCharacters(passwordBytes, allowed: .password, component: "password", notes: &notes)
                password = SIPText.string(passwordBytes)
            }
            hostStart = at + 1
        }
        let tail = rest[hostStart...]
        let hostportEnd = tail.firstIndex { $0 == 0x3B || $0 == 0x3F } ?? tail.endIndex
        let hostport = try SIPHost.parseHostPort(tail[hostStart..<hostportEnd], code: .invalidURI, notes: &notes)
        var parameters = SIPParameters()
        var headers: [SIPParameter] = []
        var index = hostportEnd
        if index < tail.endIndex, tail[index] == 0x3B {
            let parametersEnd = tail[index...].firstIndex(of: 0x3F) ?? tail.endIndex
            parameters = try parseParameters(tail[(index + 1)..<parametersEnd], limits: limits, notes: &notes)
            index = parametersEnd
        }
        if index < tail.endIndex, tail[index] == 0x3F {
            headers = try parseHeaders(tail[(index + 1)...], limits: limits, notes: &notes)
        }
        return SIPURI(
            Fields(
                scheme: scheme,
                opaqueText: SIPSourceText(bytes: rest),
                user: user,
                password: password,
                host: hostport.host,
                port: hostport.port,
                parameters: parameters,
                headers: headers,
                rawText: SIPSourceText(bytes: bytes)
            )
        )
    }

    /// `telephone-subscriber` (RFC 3966 section 3): a global (`+`) or local number, then parameters.
    private static func parseTel(
        _ rest: ArraySlice<UInt8>,
        into uri: inout SIPURI,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) {
        let numberEnd = rest.firstIndex(of: 0x3B) ?? rest.endIndex
        let number = rest[rest.startIndex..<numberEnd]
        guard !number.isEmpty else {
            throw SIPParseError(.invalidURI, "tel URI has no number (RFC 3966 section 3)", offset: rest.startIndex)
        }
        let isGlobal = number.first == 0x2B
        let digits = isGlobal ? number.dropFirst() : number
        for (offset, byte) in zip(digits.indices, digits) {
            let isSeparator = byte == 0x2D || byte == 0x2E || byte == 0x28 || byte == 0x29
            let allowed =
                isGlobal
                ? SIPText.isDigit(byte) || isSeparator
                : SIPText.isHexDigit(byte) || byte == 0x2A || byte == 0x23 || isSeparator
            guard allowed else {
                throw SIPParseError(
                    .invalidURI,
                    "character \(SIPText.describe(byte)) is not allowed in telephone number \(SIPText.excerpt(number)) (RFC 3966 section 3)",
                    offset: offset
                )
            }
        }
        let hasDigit =
            isGlobal
            ? digits.contains(where: SIPText.isDigit)
            : digits.contains { SIPText.isHexDigit($0) || $0 == 0x2A || $0 == 0x23 }
        guard hasDigit else {
            throw SIPParseError(
                .invalidURI,
                "telephone number \(SIPText.excerpt(number)) has no digit (RFC 3966 section 3)",
                offset: number.startIndex
            )
        }
        uri.telephoneNumber = SIPText.string(number)
        if numberEnd < rest.endIndex {
            uri.parameters = try parseParameters(rest[(numberEnd + 1)...], limits: limits, notes: &notes)
        }
        if !isGlobal && !uri.parameters.contains("phone-context") {
            notes.append(
                SIPParseNote(
                    .invalidURI,
                    "local number \(SIPText.excerpt(number)) without phone-context (RFC 3966 section 5.1.5)",
                    offset: number.startIndex
                )
            )
        }
    }

    /// `*( ";" pname [ "=" pvalue ] )` after the first `;` (RFC 3261 section 25.1 `uri-parameters`).
    private static func parseParameters(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPParameters {
        var parameters = SIPParameters()
        try forEachSegment(
            of: bytes,
            separator: 0x3B,
            limits: limits,
            empty: "empty URI parameter (';;' or a trailing ';', RFC 3261 section 25.1)",
            plural: "URI parameters"
        ) { segment throws(SIPParseError) in
            parameters.append(
                try nameValue(segment, allowed: .uriParameter, component: "URI parameter", notes: &notes)
            )
        }
        return parameters
    }

    /// `header *( "&" header )` after `?` (RFC 3261 section 25.1 `headers`).
    private static func parseHeaders(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> [SIPParameter] {
        var headers: [SIPParameter] = []
        try forEachSegment(
            of: bytes,
            separator: 0x26,
            limits: limits,
            empty: "empty URI header ('?' or '&' with nothing after it, RFC 3261 section 25.1)",
            plural: "URI headers"
        ) { segment throws(SIPParseError) in
            let header = try nameValue(segment, allowed: .uriHeader, component: "URI header", notes: &notes)
            if header.value == nil {
                notes.append(
                    SIPParseNote(
                        .invalidURI,
                        "URI header \(SIPText.excerpt(segment)) has no '=' (RFC 3261 section 25.1 header)",
                        offset: segment.startIndex
                    )
                )
            }
            headers.append(header)
        }
        return headers
    }

    /// Calls `body` with each `separator`-delimited segment of `bytes`: an empty segment is an
    /// error saying `empty`, and more than `limits.maxParameters` segments one naming the limit.
    private static func forEachSegment(
        of bytes: ArraySlice<UInt8>,
        separator: UInt8,
        limits: SIPParseLimits,
        empty: String,
        plural: String,
        _ body: (ArraySlice<UInt8>) throws(SIPParseError) -> Void
    ) throws(SIPParseError) {
        var segmentStart = bytes.startIndex
        var count = 0
        while true {
            let segmentEnd = bytes[segmentStart...].firstIndex(of: separator) ?? bytes.endIndex
            let segment = bytes[segmentStart..<segmentEnd]
            guard !segment.isEmpty else { throw SIPParseError(.invalidURI, empty, offset: segment.startIndex) }
            guard count < limits.maxParameters else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxParameters) \(plural) (limit maxParameters)",
                    offset: segment.startIndex
                )
            }
            count += 1
            try body(segment)
            guard segmentEnd < bytes.endIndex else { return }
            segmentStart = segmentEnd + 1
        }
    }

    /// `name [ "=" value ]` of one parameter or header, both checked against `allowed`.
    private static func nameValue(
        _ segment: ArraySlice<UInt8>,
        allowed: SIPCharacterClass,
        component: StaticString,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPParameter {
        let equals = segment.firstIndex(of: 0x3D)
        let name = segment[segment.startIndex..<(equals ?? segment.endIndex)]
        guard !name.isEmpty else {
            throw SIPParseError(.invalidURI, "\(component) with no name", offset: segment.startIndex)
        }
        try checkCharacters(name, allowed: allowed, component: "\(component) name", notes: &notes)
        var value: String?
        if let equals {
            let valueBytes = segment[(equals + 1)...]
            try checkCharacters(valueBytes, allowed: allowed, component: "\(component) value", notes: &notes)
            value = SIPText.token(valueBytes)
        }
        return SIPParameter(name: SIPText.token(name), value: value)
    }

    /// Checks every byte of `bytes` against `allowed`, with `%HH` escapes allowed everywhere.
    /// A `%` that starts no escape, and printable characters outside the grammar (`#` in
    /// dial strings, `=` in values, UTF-8) are accepted with one note per component; `<` `>` `"`,
    /// which would end the URI in a header, are errors.
    private static func checkCharacters(
        _ bytes: ArraySlice<UInt8>,
        allowed: SIPCharacterClass,
        component: @autoclosure () -> String,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) {
        // The usual case, every byte allowed (so no `%` either, which no class holds), in one
        // loop on the slice's buffer; offsets are checked against buffer.count by the loop.
        let allAllowed = bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count, allowed.contains(buffer[offset]) { offset += 1 }
            return offset == buffer.count
        }
        if allAllowed { return }
        var index = bytes.startIndex
        var noted = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x25 {
                if index + 2 < bytes.endIndex, SIPText.isHexDigit(bytes[index + 1]),
                    SIPText.isHexDigit(bytes[index + 2])
                {
                    index += 3
                    continue
                }
                if !noted {
                    noted = true
                    notes.append(
                        SIPParseNote(
                            .invalidURI,
                            "'%' not followed by two hex digits in \(component()) \(SIPText.excerpt(bytes)) (RFC 3261 section 19.1.2)",
                            offset: index
                        )
                    )
                }
            } else if !allowed.contains(byte) {
                if byte == 0x3C || byte == 0x3E || byte == 0x22 {
                    throw SIPParseError(
                        .invalidURI,
                        "character \(SIPText.describe(byte)) is not allowed in \(component()) \(SIPText.excerpt(bytes))",
                        offset: index
                    )
                }
                if !noted {
                    noted = true
                    notes.append(
                        SIPParseNote(
                            .invalidURI,
                            "character \(SIPText.describe(byte)) is not allowed in \(component()) \(SIPText.excerpt(bytes)) (RFC 3261 section 25.1); accepted",
                            offset: index
                        )
                    )
                }
            }
            index += 1
        }
    }
}
