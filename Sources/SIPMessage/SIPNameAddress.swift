/// An address of From, To, Contact, Route and similar headers: RFC 3261 section 20.10 and 25.1
/// `( name-addr / addr-spec ) *( SEMI generic-param )`, with
/// `name-addr = [ display-name ] LAQUOT addr-spec RAQUOT`.
///
/// In the addr-spec form (no `<` `>`) the parameters after the URI belong to the header, not to
/// the URI (RFC 3261 section 20.10): `sip:a@b;tag=1` has a header parameter `tag`.
public struct SIPNameAddress: Hashable, Sendable, CustomStringConvertible {
    /// The components, in one reference-counted box: addresses are returned, stored and copied
    /// by value, and copying a box is one retain where copying the components was one per String.
    /// Writes copy the box first unless this value is its only owner. `nil` when ``source`` holds the
    /// address: exactly one of the two is set.
    private var fields: Fields?
    /// The bytes of a parsed address and where its components are, its URI's included (the
    /// URI shares this object): Strings are made when read. `nil` once written, or when made in code.
    private var source: SIPAddressSource?

    /// The display name: a quoted-string with its quotes removed and `\x` escapes resolved, or
    /// a sequence of tokens with white space collapsed to one space. `nil` when absent.
    public var displayName: String? {
        get {
            if let source { return source.displayName }
            return fields?.displayName
        }
        set { uniqueFields().displayName = newValue }
    }
    /// The address.
    public var uri: SIPURI {
        get {
            if let source { return SIPURI(source: source) }
            return fields?.uri ?? SIPURI(scheme: "", opaque: "", raw: "")
        }
        set { uniqueFields().uri = newValue }
    }
    /// Header parameters (`tag`, `expires`, `q`, ...), RFC 3261 section 25.1 `generic-param`.
    public var parameters: SIPParameters {
        get {
            if let source { return SIPParameters(source, uri: false) }
            return fields?.parameters ?? SIPParameters()
        }
        set { uniqueFields().parameters = newValue }
    }
    /// Whether the URI was written in `<` `>` (name-addr form).
    public var isNameAddr: Bool {
        get { source?.address.isNameAddr ?? fields?.isNameAddr ?? false }
        set { uniqueFields().isNameAddr = newValue }
    }
    /// The value as written, trimmed.
    public var raw: String {
        get { source?.raw ?? fields?.rawText.string ?? "" }
        set { uniqueFields().rawText = SIPSourceText(newValue) }
    }

    public init(
        displayName: String? = nil,
        uri: SIPURI,
        parameters: SIPParameters = SIPParameters(),
        isNameAddr: Bool = true,
        raw: String
    ) {
        self.init(
            displayName: displayName,
            uri: uri,
            parameters: parameters,
            isNameAddr: isNameAddr,
            rawText: SIPSourceText(raw)
        )
    }

    /// An address whose `raw` text is the parser's bytes.
    private init(
        displayName: String?,
        uri: SIPURI,
        parameters: SIPParameters,
        isNameAddr: Bool,
        rawText: SIPSourceText
    ) {
        fields = Fields(
            displayName: displayName,
            uri: uri,
            parameters: parameters,
            isNameAddr: isNameAddr,
            rawText: rawText
        )
    }

    /// A parsed address kept as its bytes.
    init(source: SIPAddressSource) {
        self.source = source
    }

    /// Where the parsed address starts in the message, when it is kept as its bytes.
    var sourceStartIndex: Int? { source?.bytes.startIndex }

    /// The box, copied first when another value shares it, so that writing one value never
    /// changes another; made from the source the first time a parsed address is written.
    private mutating func uniqueFields() -> Fields {
        if isKnownUniquelyReferenced(&fields), let fields { return fields }
        let made = fields?.copy() ?? Fields(copying: self)
        fields = made
        source = nil
        return made
    }

    public static func == (lhs: SIPNameAddress, rhs: SIPNameAddress) -> Bool {
        // Two parsed addresses of the same bytes have the same components: the parse depends on nothing else.
        if let left = lhs.source, let right = rhs.source {
            return left === right || left.bytes.elementsEqual(right.bytes)
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

    // MARK: - Accessors

    /// The `tag` parameter of From and To (RFC 3261 section 19.3, 20.20, 20.39); `nil` when absent or empty.
    public var tag: String? { value("tag") }

    /// The Contact `expires` parameter in seconds (RFC 3261 section 20.10 `c-p-expires`, `delta-seconds`);
    /// `nil` when absent or not a number up to 2^32-1 (RFC 3261 section 20.10 then treats a present but
    /// malformed value as 3600; ``SIPContact/parseList(_:limits:notes:)`` notes it).
    public var expires: UInt32? {
        guard let text = value("expires") else { return nil }
        return SIPText.decimal(text.utf8, maximum: UInt64(UInt32.max)).map { UInt32($0) }
    }

    /// The Contact `q` parameter (RFC 3261 section 20.10 `c-p-q`): `qvalue`, 0 to 1 with up to three
    /// decimals; `nil` when absent or malformed.
    public var q: Double? {
        value("q").flatMap(Self.qvalue)
    }

    /// The value of header parameter `name`, `nil` when absent, without value, or empty.
    private func value(_ name: String) -> String? {
        guard let value = parameters[name] ?? nil, !value.isEmpty else { return nil }
        return value
    }

    /// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )` (RFC 3261 section 25.1).
    static func qvalue(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first == 0x30 || first == 0x31 else { return nil }
        let fraction = bytes.dropFirst()
        if fraction.isEmpty { return first == 0x31 ? 1 : 0 }
        let decimals = fraction.dropFirst()
        guard fraction.first == 0x2E, decimals.count <= 3, decimals.allSatisfy(SIPText.isDigit) else { return nil }
        if first == 0x31 { return decimals.allSatisfy { $0 == 0x30 } ? 1 : nil }
        var thousandths = 0
        for index in 0..<3 {
            let digit = index < decimals.count ? Int(decimals[decimals.startIndex + index] - 0x30) : 0
            thousandths = thousandths * 10 + digit
        }
        return Double(thousandths) / 1000
    }

    /// `"display name" <uri>;params`, normalised; a password in the URI is masked (``SIPURI/description``).
    public var description: String {
        var text = ""
        if let displayName {
            text = SIPText.quoted(displayName) + " "
        }
        text += "<" + uri.description + ">"
        for parameter in parameters {
            text += ";" + SIPText.parameterText(parameter)
        }
        return text
    }

    // MARK: - Parsing

    /// Parses one address (a single-valued header such as From or To, or one element of a list).
    ///
    /// Throws ``SIPParseError/Code/invalidHeaderValue`` for an unclosed quote (RFC 4475 section 3.1.2.6),
    /// a missing `>`, text after the parameters, or an empty parameter (RFC 4475 section 3.1.2.1), and
    /// ``SIPParseError/Code/invalidURI`` from ``SIPURI/parse(_:limits:)``.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPNameAddress
    {
        var notes: [SIPParseNote] = []
        return try parse(bytes, limits: limits, notes: &notes)
    }

    /// Parses one address like ``parse(_:limits:)``, adding to `notes` what a liberal parser accepts
    /// although RFC 3261 forbids it: white space inside `<` `>` (RFC 4475 section 3.1.2.14), a display
    /// name with unquoted non-token characters (section 3.1.2.15), an addr-spec whose URI contains
    /// `,` `?` or `;` and so needs `<` `>` (RFC 3261 section 20.10; RFC 4475 section 3.1.2.13).
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPNameAddress {
        let value = SIPScanner.trimmed(bytes)
        if let source = plain(value, limits: limits) { return SIPNameAddress(source: source) }
        return try parseInFull(bytes, limits: limits, notes: &notes)
    }

    /// ``parse(_:limits:notes:)`` for any address, piece by piece: what the usual addresses skip
    /// (``plain(_:limits:)``), and what says exactly what is wrong with the others.
    static func parseInFull(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPNameAddress {
        let value = SIPScanner.trimmed(bytes)
        guard let first = value.first else {
            throw SIPParseError(.invalidHeaderValue, "empty address", offset: bytes.startIndex)
        }
        var scanner = SIPScanner(value)
        var displayName: String?
        if first == 0x22 {
            displayName = try scanner.quotedString()
            scanner.skipWhitespace()
            guard scanner.peek() == 0x3C else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "expected '<' after the quoted display name (RFC 3261 section 25.1 name-addr)",
                    offset: scanner.index
                )
            }
        } else if let open = firstUnquotedAngle(value) {
            let name = SIPScanner.trimmed(value[value.startIndex..<open])
            if !name.isEmpty {
                if !name.allSatisfy({ SIPScanner.isTokenCharacter($0) || SIPScanner.isWhitespace($0) }) {
                    notes.append(
                        SIPParseNote(
                            .invalidHeaderValue,
                            "display name \(SIPText.excerpt(name)) has characters other than tokens and must be quoted (RFC 3261 section 25.1; RFC 4475 section 3.1.2.15)",
                            offset: name.startIndex
                        )
                    )
                }
                displayName = SIPText.collapsingWhitespace(name)
            }
            scanner.advance(open - scanner.index)
        } else {
            return try parseAddrSpec(value, limits: limits, notes: &notes)
        }
        // name-addr: LAQUOT addr-spec RAQUOT. '>' cannot occur inside the URI unescaped.
        let open = scanner.index
        scanner.advance()
        guard let close = value[scanner.index...].firstIndex(of: 0x3E) else {
            throw SIPParseError(.invalidHeaderValue, "'<' without a closing '>'", offset: open)
        }
        let inside = value[scanner.index..<close]
        let uriBytes = SIPScanner.trimmed(inside)
        if uriBytes.count != inside.count {
            notes.append(
                SIPParseNote(
                    .invalidHeaderValue,
                    "white space inside '<' '>' around the URI (RFC 3261 section 25.1; RFC 4475 section 3.1.2.14)",
                    offset: inside.startIndex
                )
            )
        }
        let uri = try SIPURI.parse(uriBytes, limits: limits, notes: &notes)
        scanner.advance(close + 1 - scanner.index)
        let parameters = try scanner.parameters(limits: limits)
        try expectEnd(&scanner)
        return SIPNameAddress(
            displayName: displayName,
            uri: uri,
            parameters: parameters,
            isNameAddr: true,
            rawText: SIPSourceText(bytes: value)
        )
    }

    /// Parses a comma-separated list of addresses (Contact, Route, ...; RFC 3261 section 7.3.1).
    /// Commas inside quotes and `<` `>` do not separate; an addr-spec cannot contain a comma
    /// (RFC 3261 section 20.10 requires `<` `>` then), so `sip:a,b@c` is two (invalid) elements.
    public static func parseList(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> [SIPNameAddress] {
        var notes: [SIPParseNote] = []
        return try parseList(bytes, limits: limits, notes: &notes)
    }

    /// ``parseList(_:limits:)`` with the notes of ``parse(_:limits:notes:)``.
    public static func parseList(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> [SIPNameAddress] {
        var result: [SIPNameAddress] = []
        try appendList(bytes, to: &result, limits: limits, notes: &notes)
        return result
    }

    /// Parses a list like ``parseList(_:limits:notes:)`` and appends the addresses to `result`.
    static func appendList(
        _ bytes: ArraySlice<UInt8>,
        to result: inout [SIPNameAddress],
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) {
        // The usual lists in one pass; anything else (and what the full parse notes) as before.
        if appendPlainList(bytes, to: &result, limits: limits) { return }
        try SIPScanner.appendList(bytes, to: &result, limits: limits, emptyReason: "empty address list", notes: &notes)
        {
            element,
            notes throws(SIPParseError) in try parse(element, limits: limits, notes: &notes)
        }
    }

    /// The addr-spec form: the URI ends at white space or at the first `;` after the host
    /// (the user part may hold `;`, RFC 4475 section 3.1.1.9); what follows is header parameters.
    private static func parseAddrSpec(
        _ value: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPNameAddress {
        let spanEnd = value.firstIndex(where: SIPScanner.isWhitespace) ?? value.endIndex
        let span = value[value.startIndex..<spanEnd]
        var hostStart = span.startIndex
        if let at = span.firstIndex(of: 0x40) {
            hostStart = at + 1
        } else if let colon = span.firstIndex(of: 0x3A) {
            hostStart = colon + 1
        }
        let uriEnd = span[hostStart...].firstIndex(of: 0x3B) ?? spanEnd
        let uriBytes = value[value.startIndex..<uriEnd]
        if let special = uriBytes.firstIndex(where: { $0 == 0x2C || $0 == 0x3F || $0 == 0x3B }) {
            notes.append(
                SIPParseNote(
                    .invalidHeaderValue,
                    "URI \(SIPText.excerpt(uriBytes)) contains \(SIPText.describe(uriBytes[special])) and must be enclosed in '<' '>' (RFC 3261 section 20.10)",
                    offset: special
                )
            )
        }
        let uri = try SIPURI.parse(uriBytes, limits: limits, notes: &notes)
        var scanner = SIPScanner(value)
        scanner.advance(uriEnd - value.startIndex)
        let parameters = try scanner.parameters(limits: limits)
        try expectEnd(&scanner)
        return SIPNameAddress(
            displayName: nil,
            uri: uri,
            parameters: parameters,
            isNameAddr: false,
            rawText: SIPSourceText(bytes: value)
        )
    }

    /// The first `<` outside a quoted-string, if any.
    static func firstUnquotedAngle(_ value: ArraySlice<UInt8>) -> Int? {
        var inQuotes = false
        var index = value.startIndex
        while index < value.endIndex {
            let byte = value[index]
            if inQuotes && byte == 0x5C {
                index += 2
                continue
            }
            if byte == 0x22 {
                inQuotes.toggle()
            } else if byte == 0x3C && !inQuotes {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func expectEnd(_ scanner: inout SIPScanner) throws(SIPParseError) {
        scanner.skipWhitespace()
        if let byte = scanner.peek() {
            throw SIPParseError(
                .invalidHeaderValue,
                "unexpected \(SIPText.describe(byte)) after the address (expected ';' and a parameter)",
                offset: scanner.index
            )
        }
    }
}
