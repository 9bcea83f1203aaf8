/// Something that carries `a=` lines: the session (session-level attributes) or a media
/// description (media-level attributes). The typed accessors read the attributes on demand,
/// so they always agree with ``attributes``; values that do not parse are skipped (the
/// session's notes say which, RFC 8866 section 5.13 lets a parser ignore bad attributes).
public protocol SDPAttributeContainer {
    /// The `a=` lines in order.
    var attributes: [SDPAttribute] { get }
}

extension SDPAttributeContainer {
    /// Attributes named `name` (case-insensitive), in order.
    public func attributes(named name: String) -> [SDPAttribute] {
        let name = name.lowercased()
        return attributes.filter { $0.isNamed(name) }
    }

    /// The first attribute named `name` (case-insensitive).
    public func attribute(named name: String) -> SDPAttribute? {
        let name = name.lowercased()
        return attributes.first { $0.isNamed(name) }
    }

    /// Whether an attribute named `name` is present.
    public func hasAttribute(_ name: String) -> Bool {
        attribute(named: name) != nil
    }

    /// `a=rtpmap` values that parse (RFC 8866 section 6.6).
    public var rtpMaps: [SDPRTPMap] {
        attributes(named: "rtpmap").compactMap { attribute in
            guard let value = attribute.value else { return nil }
            return try? SDPRTPMap.parse(value)
        }
    }

    /// The `a=rtpmap` of `payloadType`, if any.
    public func rtpMap(for payloadType: Int) -> SDPRTPMap? {
        rtpMaps.first { $0.payloadType == payloadType }
    }

    /// The `a=fmtp` parameters of `format` (RFC 8866 section 6.15: `a=fmtp:<format> <parameters>`),
    /// as written; empty when the format is named without parameters.
    public func fmtp(for format: String) -> String? {
        for attribute in attributes(named: "fmtp") {
            guard let value = attribute.value else { continue }
            let (name, rest) = SDPText.splitOnce(SDPText.trimmed(value[...]), at: " ")
            if name == format { return rest.map { String(SDPText.trimmed($0)) } ?? "" }
        }
        return nil
    }

    /// The `a=fmtp` parameters of an RTP payload type.
    public func fmtp(for payloadType: Int) -> String? {
        fmtp(for: String(payloadType))
    }

    /// The direction attribute at this level (`a=sendrecv`, `a=sendonly`, `a=recvonly`,
    /// `a=inactive`, RFC 8866 section 6.7), `nil` when none is present. The first one wins.
    public var direction: SDPDirection? {
        for attribute in attributes {
            if let direction = SDPDirection(rawValue: attribute.name.lowercased()) { return direction }
        }
        return nil
    }

    /// `a=ptime`: milliseconds of media per packet (RFC 8866 section 6.4; may be fractional).
    public var ptime: Double? { attribute(named: "ptime")?.value.flatMap(SDPText.positiveNumber) }

    /// `a=maxptime`: the most milliseconds of media per packet (RFC 8866 section 6.5).
    public var maxptime: Double? { attribute(named: "maxptime")?.value.flatMap(SDPText.positiveNumber) }

    /// Whether an `a=crypto` (SDES-SRTP, RFC 4568) is present.
    public var hasCrypto: Bool { hasAttribute("crypto") }

    /// Tags and suites of the `a=crypto` lines that parse, without any key material
    /// (RFC 4568 section 9.1).
    public var cryptoSuites: [SDPCrypto] {
        attributes(named: "crypto").compactMap { attribute in
            guard let value = attribute.value else { return nil }
            return try? SDPCrypto.parse(value)
        }
    }

    /// `a=fingerprint` values that parse (DTLS-SRTP, RFC 8122 section 5).
    public var fingerprints: [SDPFingerprint] {
        attributes(named: "fingerprint").compactMap { attribute in
            guard let value = attribute.value else { return nil }
            return try? SDPFingerprint.parse(value)
        }
    }

    /// Whether an `a=fingerprint` is present (RFC 8122 section 5).
    public var hasFingerprint: Bool { hasAttribute("fingerprint") }

    /// ICE candidates that parse (RFC 8839 section 5.1).
    public var candidates: [SDPCandidate] {
        attributes(named: "candidate").compactMap { attribute in
            guard let value = attribute.value else { return nil }
            return try? SDPCandidate.parse(value, limits: .default)
        }
    }

    /// `a=ice-ufrag` (RFC 8839 section 5.4); not a secret, it appears in STUN usernames.
    public var iceUfrag: String? { attribute(named: "ice-ufrag")?.value }

    /// Whether `a=ice-ufrag` is present.
    public var hasICEUfrag: Bool { hasAttribute("ice-ufrag") }

    /// Whether `a=ice-pwd` is present. The password itself is a secret (RFC 8839 section 5.4):
    /// it is only in ``SDPAttribute/value`` and never in descriptions.
    public var hasICEPassword: Bool { hasAttribute("ice-pwd") }

    /// `a=rtcp` when it parses (RFC 3605 section 2.1).
    public var rtcp: SDPRTCP? {
        guard let value = attribute(named: "rtcp")?.value else { return nil }
        return try? SDPRTCP.parse(value)
    }

    /// Whether `a=rtcp-mux` is present: RTP and RTCP share a port (RFC 5761 section 5.1.1).
    public var rtcpMux: Bool { hasAttribute("rtcp-mux") }

    /// `a=setup` role, lowercased: `active`, `passive`, `actpass` or `holdconn`
    /// (RFC 4145 section 4, used by DTLS in RFC 8842).
    public var setup: String? {
        attribute(named: "setup")?.value.map { String(SDPText.trimmed($0[...])).lowercased() }
    }

    /// `a=mid`: the media stream identification (RFC 5888 section 4).
    public var mid: String? { attribute(named: "mid")?.value }
}
