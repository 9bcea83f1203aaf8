/// The `a=` lines of one level (session or media description) with the meaning of those that
/// have typed accessors (RFC 8866 section 5.13), so that ``SDPAttributeContainer/rtpMaps``,
/// ``SDPAttributeContainer/direction``, ``SDPMedia/codecs`` and the others read typed values.
/// Attributes from a parsed body are read from the body's bytes on request (the parse checked
/// them and made the notes); attributes built in code are decoded once when set.
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
    private enum Storage: Sendable {
        /// The `a=` lines among these lines of a parsed body.
        case parsed(SDPParsedBody, Range<Int>)
        /// Attributes built in code, decoded.
        /// Boxed so that the attributes of a parsed body stay small.
        indirect case decoded(SDPDecodedValues)
    }

    private var storage: Storage

    /// An empty set of attributes.
    public init() {
        storage = .decoded(SDPDecodedValues())
    }

    /// Decodes `attributes` as the parser does, dropping the notes (they belong to a parse).
    public init(_ attributes: [SDPAttribute]) {
        storage = .decoded(SDPDecodedValues(attributes))
    }

    /// The attributes among `lines` of a parsed body, read from it on request.
    init(_ body: SDPParsedBody, lines: Range<Int>) {
        storage = .parsed(body, lines)
    }

    /// The decoded values: stored, or decoded now from the parsed body.
    var decodedValues: SDPDecodedValues { values }

    private var values: SDPDecodedValues {
        switch storage {
        case .decoded(let values): values
        case .parsed(let body, let lines): SDPDecodedValues(body, lines: lines)
        }
    }

    /// The `a=` lines in order, names and values as written.
    public var attributes: [SDPAttribute] {
        guard case .parsed(let body, let lines) = storage else { return values.attributes }
        return body.read { bytes in
            var attributes: [SDPAttribute] = []
            for index in lines where body.lines[index].type == SDPLineRecord.attribute {
                let record = body.lines[index]
                let (name, value) = SDPText.splitOnce(SDPParsedBody.value(record, in: bytes), at: 0x3A)
                // A known name spelled exactly is its registered name: that literal costs no decoding.
                let known = Kind(rawValue: record.kind).flatMap { kind in
                    kind.nameBytes.count == name.count && name.elementsEqual(kind.nameBytes) ? kind.name : nil
                }
                attributes.append(SDPAttribute(name: known ?? SDPText.string(name), value: value.map(SDPText.string)))
            }
            return attributes
        }
    }

    /// `a=rtpmap` values that parse, in order.
    var rtpMaps: [SDPRTPMap] { values.rtpMaps }
    /// The format of each `a=fmtp` line with a value, in order (RFC 8866 section 6.15).
    var fmtpFormats: [String] { values.fmtpFormats }
    /// The parameters of each `a=fmtp` line, parallel to ``fmtpFormats``; empty when none.
    var fmtpParameters: [String] { values.fmtpParameters }
    /// `a=crypto` lines that parse, without keys.
    var cryptoSuites: [SDPCrypto] { values.cryptoSuites }
    /// `a=fingerprint` lines that parse.
    var fingerprints: [SDPFingerprint] { values.fingerprints }
    /// `a=candidate` lines that parse.
    var candidates: [SDPCandidate] { values.candidates }
    /// `a=rtcp` of the first such line, when it parses.
    var rtcp: SDPRTCP? { values.rtcp }
    /// `a=setup` of the first such line, trimmed and lowercased.
    var setup: String? { values.setup }
    /// `a=mid` of the first such line.
    var mid: String? { values.mid }
    /// `a=ice-ufrag` of the first such line.
    var iceUfrag: String? { values.iceUfrag }

    /// The first direction attribute (RFC 8866 section 6.7).
    var direction: SDPDirection? {
        guard case .parsed(let body, let lines) = storage else { return values.direction }
        for index in lines where body.lines[index].type == SDPLineRecord.attribute {
            if let direction = Kind(rawValue: body.lines[index].kind)?.direction { return direction }
        }
        return nil
    }

    /// `a=ptime` of the first such line, when it is a positive number.
    var ptime: Double? {
        guard case .parsed = storage else { return values.ptime }
        return firstNumber(.ptime)
    }

    /// `a=maxptime` of the first such line, when it is a positive number.
    var maxptime: Double? {
        guard case .parsed = storage else { return values.maxptime }
        return firstNumber(.maxptime)
    }

    /// The number of the first line of `kind` in a parsed body, as the decoder reads it: only the
    /// first line counts, even when it has no value or a bad one.
    private func firstNumber(_ kind: Kind) -> Double? {
        guard case .parsed(let body, let lines) = storage else { return nil }
        for index in lines where body.lines[index].type == SDPLineRecord.attribute {
            let record = body.lines[index]
            guard record.kind == kind.rawValue else { continue }
            return body.read { bytes in
                let (_, value) = SDPText.splitOnce(SDPParsedBody.value(record, in: bytes), at: 0x3A)
                return value.flatMap(SDPText.positiveNumber)
            }
        }
        return nil
    }

    /// Whether an attribute of `kind` was seen.
    func has(_ kind: Kind) -> Bool {
        guard case .parsed(let body, let lines) = storage else { return values.has(kind) }
        for index in lines where body.lines[index].type == SDPLineRecord.attribute {
            if body.lines[index].kind == kind.rawValue { return true }
        }
        return false
    }

    /// The parsed body and the lines the attributes are among, when they come from a parse.
    var parsedLines: (body: SDPParsedBody, lines: Range<Int>)? {
        guard case .parsed(let body, let lines) = storage else { return nil }
        return (body, lines)
    }

    /// Equal when the attributes are: everything else is derived from them.
    public static func == (lhs: SDPDecodedAttributes, rhs: SDPDecodedAttributes) -> Bool {
        if case .parsed(let leftBody, let leftLines) = lhs.storage,
            case .parsed(let rightBody, let rightLines) =
                rhs.storage, leftBody === rightBody, leftLines == rightLines
        {
            return true
        }
        return lhs.attributes == rhs.attributes
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

        /// The name's bytes.
        var nameBytes: [UInt8] { Self.table[Int(rawValue)].name }

        /// The kinds and their names' bytes, built once (`allCases` makes a new array per use).
        static let table: [(kind: Kind, name: [UInt8])] = allCases.map { ($0, Array($0.name.utf8)) }

        /// The kind named exactly `name`, else one named `name` in another case (`exact` false).
        static func named(_ name: SDPBytes) -> (kind: Kind, exact: Bool)? {
            // Every name is at most 15 bytes, so a longer one is no known name.
            guard let (key, low) = SDPText.packed(name) else { return nil }
            let foldedKey = SDPText.foldedCase(key)
            let foldedLow = SDPText.foldedCase(low)
            guard let kind = folded(foldedKey, foldedLow) else { return nil }
            // Every registered name is lower case: the name is exact when folding changed nothing.
            return (kind, foldedKey == key && foldedLow == low)
        }

        /// The kind whose name packs (``SDPText/packed(_:foldingCase:)``) to `key` and `low`. A
        /// switch on constants: the parser looks up every `a=` line's name, and a table search
        /// cost several times more.
        private static func folded(_ key: UInt64, _ low: UInt64) -> Kind? {
            // The first word (length and first 7 bytes) tells every name apart; `low` confirms it.
            switch key {
            case 0x0600_7061_6d70_7472: (low == 0x0000_0000_0000_0000 ? .rtpmap : nil)  // rtpmap
            case 0x0400_0000_7074_6d66: (low == 0x0000_0000_0000_0000 ? .fmtp : nil)  // fmtp
            case 0x0500_0065_6d69_7470: (low == 0x0000_0000_0000_0000 ? .ptime : nil)  // ptime
            case 0x086d_6974_7078_616d: (low == 0x0000_0000_0000_0065 ? .maxptime : nil)  // maxptime
            case 0x0961_6469_646e_6163: (low == 0x0000_0000_0000_6574 ? .candidate : nil)  // candidate
            case 0x0600_6f74_7079_7263: (low == 0x0000_0000_0000_0000 ? .crypto : nil)  // crypto
            case 0x0b70_7265_676e_6966: (low == 0x0000_0000_746e_6972 ? .fingerprint : nil)  // fingerprint
            case 0x0400_0000_7063_7472: (low == 0x0000_0000_0000_0000 ? .rtcp : nil)  // rtcp
            case 0x0875_6d2d_7063_7472: (low == 0x0000_0000_0000_0078 ? .rtcpMux : nil)  // rtcp-mux
            case 0x0500_0070_7574_6573: (low == 0x0000_0000_0000_0000 ? .setup : nil)  // setup
            case 0x0300_0000_0064_696d: (low == 0x0000_0000_0000_0000 ? .mid : nil)  // mid
            case 0x0972_6675_2d65_6369: (low == 0x0000_0000_0000_6761 ? .iceUfrag : nil)  // ice-ufrag
            case 0x0764_7770_2d65_6369: (low == 0x0000_0000_0000_0000 ? .icePassword : nil)  // ice-pwd
            case 0x0863_6572_646e_6573: (low == 0x0000_0000_0000_0076 ? .sendrecv : nil)  // sendrecv
            case 0x086c_6e6f_646e_6573: (low == 0x0000_0000_0000_0079 ? .sendonly : nil)  // sendonly
            case 0x086c_6e6f_7663_6572: (low == 0x0000_0000_0000_0079 ? .recvonly : nil)  // recvonly
            case 0x0876_6974_6361_6e69: (low == 0x0000_0000_0000_0065 ? .inactive : nil)  // inactive
            default: nil
            }
        }
    }

}
