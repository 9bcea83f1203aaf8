/// The decoded values of a set of `a=` lines (RFC 8866 section 5.13): what
/// ``SDPDecodedAttributes`` holds for attributes built in code, and makes on request from a
/// parsed body for the rarely read values (candidates, crypto suites, fingerprints, ...).
struct SDPDecodedValues: Sendable {
    /// The `a=` lines in order, names and values as written.
    private(set) var attributes: [SDPAttribute] = []
    /// `a=rtpmap` values that parse, in order.
    private(set) var rtpMaps: [SDPRTPMap] = []
    /// The format of each `a=fmtp` line with a value, in order (RFC 8866 section 6.15).
    private(set) var fmtpFormats: [String] = []
    /// The parameters of each `a=fmtp` line, parallel to ``fmtpFormats``; empty when none.
    private(set) var fmtpParameters: [String] = []
    /// The first direction attribute (RFC 8866 section 6.7).
    private(set) var direction: SDPDirection?
    /// `a=ptime` of the first such line, when it is a positive number.
    private(set) var ptime: Double?
    /// `a=maxptime` of the first such line, when it is a positive number.
    private(set) var maxptime: Double?
    /// `a=crypto` lines that parse, without keys.
    private(set) var cryptoSuites: [SDPCrypto] = []
    /// `a=fingerprint` lines that parse.
    private(set) var fingerprints: [SDPFingerprint] = []
    /// `a=candidate` lines that parse.
    private(set) var candidates: [SDPCandidate] = []
    /// `a=rtcp` of the first such line, when it parses.
    private(set) var rtcp: SDPRTCP?
    /// `a=setup` of the first such line, trimmed and lowercased.
    private(set) var setup: String?
    /// `a=mid` of the first such line.
    private(set) var mid: String?
    /// `a=ice-ufrag` of the first such line.
    private(set) var iceUfrag: String?
    /// One bit per ``SDPDecodedAttributes/Kind`` seen, so "the first line wins" and presence need no
    /// second scan.
    private var seen: UInt32 = 0

    typealias Kind = SDPDecodedAttributes.Kind

    init() {}

    /// Decodes `attributes` as the parser does, dropping the notes (they belong to a parse).
    init(_ attributes: [SDPAttribute]) {
        var notes: [SIPParseNote] = []
        self.attributes.reserveCapacity(attributes.count)
        for attribute in attributes {
            // The bytes of a name or value live only inside these closures, as `add` needs.
            var name = attribute.name
            var value = attribute.value ?? ""
            name.withUTF8 { nameBytes in
                value.withUTF8 { valueBytes in
                    let decodedValue = attribute.value == nil ? nil : valueBytes[...]
                    add(
                        given: attribute,
                        name: nameBytes[...],
                        value: decodedValue,
                        offset: nil,
                        limits: .default,
                        notes: &notes
                    )
                }
            }
        }
    }

    /// Decodes the `a=` lines among `lines` of a parsed body, dropping the notes (the parse
    /// made them already).
    init(_ body: SDPParsedBody, lines: Range<Int>) {
        var notes: [SIPParseNote] = []
        body.read { bytes in
            for index in lines where body.lines[index].type == SDPLineRecord.attribute {
                let (name, value) = SDPText.splitOnce(SDPParsedBody.value(body.lines[index], in: bytes), at: 0x3A)
                add(name: name, value: value, offset: nil, limits: body.limits, notes: &notes)
            }
        }
    }

    /// Whether an attribute of `kind` was seen.
    func has(_ kind: Kind) -> Bool {
        seen & (1 << kind.rawValue) != 0
    }

    /// Appends the attribute of `name` and `value` (`given` when the caller has it already, else
    /// made from the bytes) and decodes it, noting a value the typed accessor has to skip, once,
    /// with the line's `offset`.
    mutating func add(
        given: SDPAttribute? = nil,
        name: SDPBytes,
        value: SDPBytes?,
        offset: Int?,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) {
        let known = Kind.named(name)
        // A known name spelled exactly is its registered name: that literal costs no decoding.
        let attribute =
            given
            ?? SDPAttribute(
                name: known.flatMap { $0.exact ? $0.kind.name : nil } ?? SDPText.string(name),
                value: value.map(SDPText.string)
            )
        attributes.append(attribute)
        guard let (kind, exact) = known else { return }
        if !exact {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "a=\(attribute.name) read as a=\(kind.name): attribute names are case-sensitive "
                        + "(RFC 8866 section 9)",
                    offset: offset
                )
            )
        }
        let isFirst = !has(kind)
        seen |= 1 << kind.rawValue
        guard let value, let text = attribute.value else {
            if kind.needsValue {
                notes.append(
                    SIPParseNote(.invalidBody, "a=\(attribute.name) has no value (RFC 8866 section 6)", offset: offset)
                )
            } else if direction == nil {
                direction = kind.direction
            }
            return
        }
        do throws(SIPParseError) {
            switch kind {
            case .rtpmap:
                let map = try SDPRTPMap.parse(value)
                rtpMaps.append(map)
                if map.clockRate == nil {
                    notes.append(
                        SIPParseNote(
                            .invalidBody,
                            "a=rtpmap:\(map.payloadType) \(map.encodingName) has no clock rate (RFC 8866 section 6.6)",
                            offset: offset
                        )
                    )
                }
            case .fmtp:
                let trimmed = SDPText.trimmed(value)
                if trimmed.isEmpty {
                    notes.append(
                        SIPParseNote(.invalidBody, "a=fmtp has no format (RFC 8866 section 6.15)", offset: offset)
                    )
                }
                // `<format> <parameters>`: the format ends at the first SP (RFC 8866 section 6.15).
                let (format, parameters) = SDPText.splitOnce(trimmed, at: 0x20)
                fmtpFormats.append(SDPText.format(format))
                fmtpParameters.append(parameters.map { SDPText.string(SDPText.trimmed($0)) } ?? "")
            case .ptime, .maxptime:
                let number = SDPText.positiveNumber(value)
                if isFirst, kind == .ptime { ptime = number }
                if isFirst, kind == .maxptime { maxptime = number }
                if number == nil {
                    notes.append(
                        SIPParseNote(
                            .invalidBody,
                            "a=\(attribute.name) '\(text)' is not a positive number of milliseconds "
                                + "(RFC 8866 section 6.4)",
                            offset: offset
                        )
                    )
                }
            case .candidate:
                candidates.append(try SDPCandidate.parse(text, limits: limits))
            case .crypto:
                cryptoSuites.append(try SDPCrypto.parse(text))
            case .fingerprint:
                fingerprints.append(try SDPFingerprint.parse(text))
            case .rtcp:
                let parsed = try SDPRTCP.parse(value)
                if isFirst { rtcp = parsed }
            case .setup:
                let role = SDPText.trimmed(value)
                if isFirst { setup = SDPText.string(role).lowercased() }
                if !SDPDecodedAttributes.setupRoles.contains(where: { SDPText.equalsIgnoringCase(role, $0) }) {
                    notes.append(
                        SIPParseNote(
                            .invalidBody,
                            "a=setup '\(text)' is not active, passive, actpass or holdconn (RFC 4145 section 4)",
                            offset: offset
                        )
                    )
                }
            case .mid:
                if isFirst { mid = text }
            case .iceUfrag:
                if isFirst { iceUfrag = text }
            case .icePassword, .rtcpMux:
                break
            case .sendrecv, .sendonly, .recvonly, .inactive:
                if direction == nil { direction = kind.direction }
                notes.append(
                    SIPParseNote(
                        .invalidBody,
                        "a=\(attribute.name) takes no value (RFC 8866 section 6.7)",
                        offset: offset
                    )
                )
            }
        } catch {
            notes.append(
                SIPParseNote(error.code, "a=\(attribute.name) ignored: \(error.reason)", offset: error.offset ?? offset)
            )
        }
    }
}
