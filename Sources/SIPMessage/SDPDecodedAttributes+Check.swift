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
            try checkValue(
                kind,
                name: name,
                value: value,
                limits: limits,
                offset: offset,
                record: &record,
                notes: &notes
            )
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
    /// means the typed accessor skips the line. Records in `record` the payload type of an
    /// `a=rtpmap`, and that of an `a=fmtp` whose format is one (``SDPText/payloadType(_:)``), with
    /// what reading their codec needs (``SDPLineRecord/hasPart``), so that codecs are read
    /// without parsing these lines again.
    private static func checkValue(
        _ kind: Kind,
        name: SDPBytes,
        value: SDPBytes,
        limits: SIPParseLimits,
        offset: Int,
        record: inout SDPLineRecord,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) {
        switch kind {
        case .rtpmap:
            let map = try SDPRTPMap.fields(value)
            record.payloadType = UInt8(truncatingIfNeeded: map.payloadType)
            if let clockRate = UInt32(exactly: map.clockRate ?? 0), let channels = UInt8(exactly: map.channels ?? 0) {
                record.clockRate = clockRate
                record.channels = channels
                record.record(part: map.name.startIndex..<map.name.endIndex)
            }
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
        case .fmtp:
            let trimmed = SDPText.trimmed(value)
            if trimmed.isEmpty {
                notes.append(
                    SIPParseNote(.invalidBody, "a=fmtp has no format (RFC 8866 section 6.15)", offset: offset)
                )
            }
            // `<format> <parameters>`: the format ends at the first SP (RFC 8866 section 6.15).
            let (format, parameters) = SDPText.splitOnce(trimmed, at: 0x20)
            if let payloadType = SDPText.payloadType(format) {
                record.payloadType = UInt8(truncatingIfNeeded: payloadType)
            }
            let part = parameters.map(SDPText.trimmed) ?? trimmed[trimmed.endIndex...]
            record.record(part: part.startIndex..<part.endIndex)
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
    }

    /// The `a=setup` roles of RFC 4145 section 4.
    static let setupRoles: [[UInt8]] = ["active", "passive", "actpass", "holdconn"].map { Array($0.utf8) }
}
