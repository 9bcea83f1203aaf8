/// The Contact header: RFC 3261 section 20.10
/// `Contact = ( STAR / ( contact-param *( COMMA contact-param ) ) )`.
///
/// Each contact is a ``SIPNameAddress``; its ``SIPNameAddress/expires`` and ``SIPNameAddress/q``
/// read the contact-params, which ``parseList(_:limits:)`` has checked.
public enum SIPContact: Hashable, Sendable, CustomStringConvertible {
    /// `*`: all bindings, only in a REGISTER with `Expires: 0` (RFC 3261 section 10.2.2).
    case wildcard
    /// One or more addresses.
    case addresses([SIPNameAddress])

    /// The addresses; empty for ``wildcard``.
    public var addresses: [SIPNameAddress] {
        guard case .addresses(let addresses) = self else { return [] }
        return addresses
    }

    /// Whether this is `*`.
    public var isWildcard: Bool { self == .wildcard }

    public var description: String {
        switch self {
        case .wildcard: "*"
        case .addresses(let addresses): addresses.map(\.description).joined(separator: ", ")
        }
    }

    /// Parses a Contact value: `*` or a comma-separated list of addresses.
    ///
    /// Throws ``SIPParseError/Code/invalidHeaderValue`` when `*` is mixed with addresses or has
    /// parameters, and the errors of ``SIPNameAddress/parseList(_:limits:)``. An `expires` that is
    /// not a number up to 2^32-1 (RFC 4475 section 3.1.2.4 sends 280297596632815) or a `q` that is
    /// not a qvalue is only noted: ``SIPNameAddress/expires`` and ``SIPNameAddress/q`` are then `nil`.
    public static func parseList(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPContact
    {
        var notes: [SIPParseNote] = []
        return try parseList(bytes, limits: limits, notes: &notes)
    }

    /// ``parseList(_:limits:)`` with the notes of ``SIPNameAddress/parse(_:limits:notes:)`` and
    /// those about malformed `expires` and `q`.
    public static func parseList(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPContact {
        var addresses: [SIPNameAddress] = []
        // Without any '*' byte there is no STAR element: the addresses are parsed as they are
        // split, without an array of elements first.
        // On the buffer: the slice's own search checks each index.
        guard bytes.withUnsafeBufferPointer({ $0.contains(0x2A) }) else {
            // The usual lists in one pass; anything else (and what the full parse notes) element by element.
            if SIPNameAddress.appendPlainList(bytes, to: &addresses, limits: limits) {
                for address in addresses {
                    check(address, offset: address.sourceStartIndex ?? bytes.startIndex, notes: &notes)
                }
                return .addresses(addresses)
            }
            let count = try SIPScanner.forEachListElement(bytes, limits: limits, notes: &notes) {
                element,
                notes throws(SIPParseError) in
                let address = try SIPNameAddress.parse(element, limits: limits, notes: &notes)
                check(address, offset: element.startIndex, notes: &notes)
                addresses.append(address)
            }
            guard count > 0 else {
                throw SIPParseError(.invalidHeaderValue, "empty Contact header", offset: bytes.startIndex)
            }
            return .addresses(addresses)
        }
        let elements = try SIPScanner.splitList(bytes, limits: limits)
        guard !elements.isEmpty else {
            throw SIPParseError(.invalidHeaderValue, "empty Contact header", offset: bytes.startIndex)
        }
        if let star = elements.first(where: { $0.first == 0x2A }) {
            guard elements.count == 1, star.count == 1 else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "Contact '*' must be the only value, without parameters (RFC 3261 section 20.10)",
                    offset: star.startIndex
                )
            }
            return .wildcard
        }
        addresses.reserveCapacity(elements.count)
        for element in elements {
            let address = try SIPNameAddress.parse(element, limits: limits, notes: &notes)
            check(address, offset: element.startIndex, notes: &notes)
            addresses.append(address)
        }
        return .addresses(addresses)
    }

    /// `c-p-expires = "expires" EQUAL delta-seconds` and `c-p-q = "q" EQUAL qvalue` (RFC 3261 section 25.1).
    /// Malformed values are noted, not errors: RFC 3261 section 20.10 treats a malformed expires as
    /// 3600, and RFC 4475 section 3.1.2.4 allows the default for an overlarge one.
    private static func check(_ address: SIPNameAddress, offset: Int, notes: inout [SIPParseNote]) {
        // Most contacts have no header parameter at all.
        guard !address.parameters.isEmpty else { return }
        if let expires = address.parameters.parameter("expires"), address.expires == nil {
            let bytes = Array((expires.value ?? "").utf8)[...]
            let why = SIPText.isDecimal(bytes) ? "is larger than 2**32-1" : "is not a number of seconds"
            notes.append(
                SIPParseNote(
                    .invalidHeaderValue,
                    "Contact expires \(SIPText.excerpt(bytes)) \(why); treated as 3600 (RFC 3261 section 20.10)",
                    offset: offset
                )
            )
        }
        if let q = address.parameters.parameter("q"), address.q == nil {
            notes.append(
                SIPParseNote(
                    .invalidHeaderValue,
                    "Contact q \(SIPText.excerpt(Array((q.value ?? "").utf8)[...])) is not a qvalue from 0 to 1 with up to 3 decimals (RFC 3261 section 25.1)",
                    offset: offset
                )
            )
        }
    }
}
