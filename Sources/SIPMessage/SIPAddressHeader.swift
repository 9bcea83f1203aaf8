/// Headers whose values are addresses (``SIPNameAddress``) beyond From, To and Contact, each with
/// the rules of its RFC. ``parse(_:limits:)`` returns the addresses in order; their extension
/// parameters (Diversion `reason`, History-Info `index`, ...) are in ``SIPNameAddress/parameters``.
public enum SIPAddressHeader: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `Route`: a list of name-addrs (RFC 3261 section 20.34, 25.1 `route-param = name-addr`).
    case route = "Route"
    /// `Record-Route`: a list of name-addrs (RFC 3261 section 20.30).
    case recordRoute = "Record-Route"
    /// `Refer-To`: exactly one address, whose URI may carry headers such as `?Replaces=...`
    /// (RFC 3515 section 2.1; RFC 3891 section 5).
    case referTo = "Refer-To"
    /// `P-Asserted-Identity`: one or two addresses (RFC 3325 section 9.1).
    case pAssertedIdentity = "P-Asserted-Identity"
    /// `P-Preferred-Identity`: one or two addresses (RFC 3325 section 9.2).
    case pPreferredIdentity = "P-Preferred-Identity"
    /// `Remote-Party-ID`: addresses with `party`, `screen`, `privacy` parameters
    /// (draft-ietf-sip-privacy-04 section 6).
    case remotePartyID = "Remote-Party-ID"
    /// `Diversion`: addresses with `reason`, `counter`, `limit`, `privacy` parameters (RFC 5806 section 3).
    case diversion = "Diversion"
    /// `History-Info`: addresses with an `index` and `rc` / `mp` / `np` parameters (RFC 7044 section 4.1).
    case historyInfo = "History-Info"

    /// The header name as RFC-written.
    public var name: String { rawValue }

    public var description: String { rawValue }

    /// The header's name for lookups in a message: all are known names, so no String is parsed.
    var headerName: SIPHeaderName {
        switch self {
        case .route: .route
        case .recordRoute: .recordRoute
        case .referTo: .referTo
        case .pAssertedIdentity: .pAssertedIdentity
        case .pPreferredIdentity: .pPreferredIdentity
        case .remotePartyID: .remotePartyID
        case .diversion: .diversion
        case .historyInfo: .historyInfo
        }
    }

    /// Parses a value of this header.
    ///
    /// Throws ``SIPParseError/Code/invalidHeaderValue`` for an empty value, a Refer-To with more than
    /// one address, a P-Asserted-Identity or P-Preferred-Identity with more than two, a Diversion
    /// `counter` or `limit` that is not a number, a History-Info entry without a valid `index`,
    /// and the errors of ``SIPNameAddress/parse(_:limits:)``.
    public func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> [SIPNameAddress] {
        var notes: [SIPParseNote] = []
        return try parse(bytes, limits: limits, notes: &notes)
    }

    /// ``parse(_:limits:)``, noting what is accepted against the rules: a Route or Record-Route
    /// value without `<` `>`, two P-Asserted-Identity values that are not one sip/sips and one tel
    /// URI (RFC 3325 section 9.1), and the notes of ``SIPNameAddress/parse(_:limits:notes:)``.
    public func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> [SIPNameAddress] {
        var addresses: [SIPNameAddress] = []
        try append(bytes, to: &addresses, limits: limits, notes: &notes)
        return addresses
    }

    /// Parses a value like ``parse(_:limits:notes:)`` and appends its addresses to `result`, so that
    /// several header lines make one array without intermediate ones.
    func append(
        _ bytes: ArraySlice<UInt8>,
        to result: inout [SIPNameAddress],
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) {
        if self == .referTo {
            // One value (RFC 3515 section 2.1): not split, so that nothing is lost to a comma.
            result.append(try SIPNameAddress.parse(bytes, limits: limits, notes: &notes))
            return
        }
        let first = result.endIndex
        try SIPNameAddress.appendList(bytes, to: &result, limits: limits, notes: &notes)
        let addresses = result[first...]
        let offset = bytes.startIndex
        switch self {
        case .route, .recordRoute:
            for address in addresses where !address.isNameAddr {
                notes.append(
                    SIPParseNote(
                        .invalidHeaderValue,
                        "\(name) value \(address.raw) is not enclosed in '<' '>' (RFC 3261 section 25.1 name-addr)",
                        offset: offset
                    )
                )
            }
        case .pAssertedIdentity, .pPreferredIdentity:
            guard addresses.count <= 2 else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "\(name) has \(addresses.count) values; RFC 3325 section 9.1 allows one or two",
                    offset: offset
                )
            }
            if addresses.count == 2 {
                // One of each, in either order: exactly one tel and exactly one sip/sips.
                let tels = addresses.count { $0.uri.scheme == "tel" }
                let sips = addresses.count { $0.uri.isSIP }
                if tels != 1 || sips != 1 {
                    notes.append(
                        SIPParseNote(
                            .invalidHeaderValue,
                            "\(name) has two values that are not one sip/sips URI and one tel URI (RFC 3325 section 9.1)",
                            offset: offset
                        )
                    )
                }
            }
        case .diversion:
            for address in addresses {
                for parameterName in ["counter", "limit"] {
                    guard let parameter = address.parameters.parameter(parameterName) else { continue }
                    let digits = (parameter.value ?? "").utf8
                    guard digits.count <= 9, SIPText.isDecimal(digits) else {
                        throw SIPParseError(
                            .invalidHeaderValue,
                            "Diversion \(parameterName) \(SIPText.excerpt(Array(digits)[...])) is not a number (RFC 5806 section 3)",
                            offset: offset
                        )
                    }
                }
            }
        case .historyInfo:
            for address in addresses where Self.historyInfoIndex(of: address) == nil {
                let written = address.parameters["index"].map { $0 ?? "" }
                throw SIPParseError(
                    .invalidHeaderValue,
                    written.map { "History-Info index '\($0)' is not dotted numbers (RFC 7044 section 4.1)" }
                        ?? "History-Info entry \(address.raw) has no index parameter (RFC 7044 section 4.1)",
                    offset: offset
                )
            }
        case .referTo, .remotePartyID:
            break
        }
    }

    /// The `index` of a History-Info entry as numbers: `1.2.1` is `[1, 2, 1]`
    /// (RFC 7044 section 4.1 `index-val = number *( "." number )`); `nil` when absent or malformed.
    public static func historyInfoIndex(of entry: SIPNameAddress) -> [UInt32]? {
        guard let text = entry.parameters["index"] ?? nil, !text.isEmpty else { return nil }
        var numbers: [UInt32] = []
        for part in Array(text.utf8).split(separator: 0x2E, omittingEmptySubsequences: false) {
            guard let number = SIPText.decimal(part, maximum: UInt64(UInt32.max)) else { return nil }
            numbers.append(UInt32(number))
        }
        return numbers
    }
}
