extension SDPDecodedAttributes {
    /// Checks one `a=` line as decoding it does (``SDPDecodedValues``; the same notes, in the same
    /// order), without keeping any value: the parser runs this on every line and the values are
    /// decoded from the bytes when read. Sets the `kind` of `record` to the ``Kind`` raw value of
    /// a known name (in any case), and its `payloadType` (see ``SDPLineRecord/payloadType``).
    static func check(
        name: SDPBytes,
        value: SDPBytes?,
        offset: Int,
        limits: SIPParseLimits,
        record: inout SDPLineRecord,
        notes: inout [SIPParseNote]
    ) {
        guard let (kind, exact) = Kind.named(name) else { return }
        record.kind = kind.rawValue
        if !exact {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "a=\(SDPText.string(name)) read as a=\(kind.name): attribute names are case-sensitive "
                        + "(RFC 8866 section 9)",
                    offset: offset
                )
            )
        }
        guard let value else {
            if kind.needsValue {
                notes.append(
                    SIPParseNote(
                        .invalidBody,
                        "a=\(SDPText.string(name)) has no value (RFC 8866 section 6)",
                        offset: offset
                    )
                )
            }
            return
        }
        do throws(SIPParseError) {
            let payloadType = try checkValue(
                kind,
                name: name,
                value: value,
                limits: limits,
                offset: offset,
                notes: &notes
            )
            if let payloadType { record.payloadType = UInt8(truncatingIfNeeded: payloadType) }
        } catch {
            notes.append(
                SIPParseNote(
                    error.code,
                    "a=\(SDPText.string(name)) ignored: \(error.reason)",
                    offset: error.offset ?? offset
                )
            )
        }
    }

    /// The value checks of ``check(name:value:offset:limits:record:notes:)``; a thrown error
    /// means the typed accessor skips the line. Returns the payload type of an `a=rtpmap`, and that
    /// of an `a=fmtp` whose format is one (``SDPText/payloadType(_:)``).
    private static func checkValue(
        _ kind: Kind,
        name: SDPBytes,
        value: SDPBytes,
        limits: SIPParseLimits,
        offset: Int,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> Int? {
        switch kind {
        case .rtpmap:
            let map = try SDPRTPMap.fields(value)
            if map.clockRate == nil {
                notes.append(
                    SIPParseNote(
                        .invalidBody,
                        "a=rtpmap:\(map.payloadType) \(SDPText.token(map.name)) has no clock rate "
                            + "(RFC 8866 section 6.6)",
                        offset: offset
                    )
                )
            }
            return map.payloadType
        case .fmtp:
            let trimmed = SDPText.trimmed(value)
            if trimmed.isEmpty {
                notes.append(
                    SIPParseNote(.invalidBody, "a=fmtp has no format (RFC 8866 section 6.15)", offset: offset)
                )
            }
            return SDPText.payloadType(SDPText.splitOnce(trimmed, at: 0x20).0)
        case .ptime, .maxptime:
            if SDPText.positiveNumber(value) == nil {
                notes.append(
                    SIPParseNote(
                        .invalidBody,
                        "a=\(SDPText.string(name)) '\(SDPText.string(value))' is not a positive number of "
                            + "milliseconds (RFC 8866 section 6.4)",
                        offset: offset
                    )
                )
            }
        case .candidate:
            try SDPCandidate.check(value, limits: limits)
        case .crypto:
            try SDPCrypto.check(value)
        case .fingerprint:
            try SDPFingerprint.check(value)
        case .rtcp:
            _ = try SDPRTCP.parse(value)
        case .setup:
            let role = SDPText.trimmed(value)
            if !setupRoles.contains(where: { SDPText.equalsIgnoringCase(role, $0) }) {
                notes.append(
                    SIPParseNote(
                        .invalidBody,
                        "a=setup '\(SDPText.string(value))' is not active, passive, actpass or holdconn "
                            + "(RFC 4145 section 4)",
                        offset: offset
                    )
                )
            }
        case .mid, .iceUfrag, .icePassword, .rtcpMux:
            break
        case .sendrecv, .sendonly, .recvonly, .inactive:
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "a=\(SDPText.string(name)) takes no value (RFC 8866 section 6.7)",
                    offset: offset
                )
            )
        }
        return nil
    }

    /// The `a=setup` roles of RFC 4145 section 4.
    static let setupRoles: [[UInt8]] = ["active", "passive", "actpass", "holdconn"].map { Array($0.utf8) }
}
