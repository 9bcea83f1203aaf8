/// The `a=` lines of one level (session or media description) with the meaning of those that
/// have typed accessors, decoded once when the line is read (RFC 8866 section 5.13), so that
/// ``SDPAttributeContainer/rtpMaps``, ``SDPAttributeContainer/direction``, ``SDPMedia/codecs`` and
/// the others do not parse attribute text again on every access.
///
/// Attribute names are case-sensitive: RFC 8866 section 9 defines `attribute-name = token`, a
/// character class rather than a quoted literal (which RFC 5234 section 2.3 would make
/// case-insensitive), and the grammar marks every literal it means to be case-sensitive with
/// RFC 7405 `%s`; names are registered with IANA exactly as they appear in SDP (RFC 8866 section
/// 8.2.4). So `a=RTPMAP` is not `a=rtpmap`. Some equipment writes known names in upper or mixed
/// case anyway, and a diagnostics tool must still show its codecs: such a line is read as the
/// known attribute and noted as a violation, never silently. Lookups by name
/// (``SDPAttributeContainer/attributes(named:)``) match exactly.
public struct SDPDecodedAttributes: Hashable, Sendable, CustomReflectable {
    /// The `a=` lines in order, names and values as written.
    public private(set) var attributes: [SDPAttribute] = []
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
    /// One bit per ``Kind`` seen, so "the first line wins" and presence need no second scan.
    private var seen: UInt32 = 0

    /// An empty set of attributes.
    public init() {}

    /// Decodes `attributes` as the parser does, dropping the notes (they belong to a parse).
    public init(_ attributes: [SDPAttribute]) {
        var notes: [SIPParseNote] = []
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

    /// Makes room for `attributes` lines, of which `rtpMaps` are `a=rtpmap` and `fmtps` `a=fmtp`,
    /// so that the arrays are allocated once while parsing.
    mutating func reserve(attributes: Int, rtpMaps: Int, fmtps: Int) {
        self.attributes.reserveCapacity(attributes)
        self.rtpMaps.reserveCapacity(rtpMaps)
        fmtpFormats.reserveCapacity(fmtps)
        fmtpParameters.reserveCapacity(fmtps)
    }

    /// Whether an attribute of `kind` was seen.
    func has(_ kind: Kind) -> Bool {
        seen & (1 << kind.rawValue) != 0
    }

    /// Equal when the attributes are: everything else is derived from them.
    public static func == (lhs: SDPDecodedAttributes, rhs: SDPDecodedAttributes) -> Bool {
        lhs.attributes == rhs.attributes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(attributes)
    }

    /// Only the attributes: the decoded values are derived, and dumps stay short.
    public var customMirror: Mirror {
        Mirror(self, children: ["attributes": attributes], displayStyle: .struct)
    }

    // MARK: - Decoding

    /// The attributes with typed accessors.
    enum Kind: UInt8, CaseIterable {
        case rtpmap, fmtp, ptime, maxptime, candidate, crypto, fingerprint, rtcp, rtcpMux, setup, mid
        case iceUfrag, icePassword, sendrecv, sendonly, recvonly, inactive

        /// The name as registered (RFC 8866 section 6, RFC 4145, RFC 4568, RFC 5761, RFC 5888,
        /// RFC 8122, RFC 8839, RFC 3605).
        var name: String {
            switch self {
            case .rtpmap: "rtpmap"
            case .fmtp: "fmtp"
            case .ptime: "ptime"
            case .maxptime: "maxptime"
            case .candidate: "candidate"
            case .crypto: "crypto"
            case .fingerprint: "fingerprint"
            case .rtcp: "rtcp"
            case .rtcpMux: "rtcp-mux"
            case .setup: "setup"
            case .mid: "mid"
            case .iceUfrag: "ice-ufrag"
            case .icePassword: "ice-pwd"
            case .sendrecv: "sendrecv"
            case .sendonly: "sendonly"
            case .recvonly: "recvonly"
            case .inactive: "inactive"
            }
        }

        /// The direction a direction attribute names (RFC 8866 section 6.7).
        var direction: SDPDirection? {
            switch self {
            case .sendrecv: .sendrecv
            case .sendonly: .sendonly
            case .recvonly: .recvonly
            case .inactive: .inactive
            default: nil
            }
        }

        /// Whether RFC 8866 section 6 (and the attribute's own RFC) gives it a value.
        var needsValue: Bool {
            switch self {
            case .rtcpMux, .sendrecv, .sendonly, .recvonly, .inactive: false
            default: true
            }
        }

        /// The kinds and their names' bytes, built once (`allCases` makes a new array per use).
        static let table: [(kind: Kind, name: [UInt8])] = allCases.map { ($0, Array($0.name.utf8)) }

        /// The kind named exactly `name`, else one named `name` in another case (`exact` false).
        static func named(_ name: SDPBytes) -> (kind: Kind, exact: Bool)? {
            for entry in table where entry.name.count == name.count && name.elementsEqual(entry.name) {
                return (entry.kind, true)
            }
            for entry in table where SDPText.equalsIgnoringCase(name, entry.name) {
                return (entry.kind, false)
            }
            return nil
        }
    }

    /// The `a=setup` roles of RFC 4145 section 4.
    private static let setupRoles: [[UInt8]] = ["active", "passive", "actpass", "holdconn"].map { Array($0.utf8) }

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
                if !Self.setupRoles.contains(where: { SDPText.equalsIgnoringCase(role, $0) }) {
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
