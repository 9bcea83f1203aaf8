extension SIPURI {
    /// The usual SIP URI, `sip:user@host[:port]*(;name[=value])` (RFC 3261 section 19.1.1), read
    /// in one pass; `nil` for anything else, which ``parseInFull(_:limits:notes:)`` then reads,
    /// checks and reports. The result is what the full parse gives for these bytes, with no
    /// notes: every byte is in its component's character class (no `%` escape, no white space),
    /// the host is a plain name or an IPv4 address, and there is no password, IPv6 reference,
    /// empty parameter or URI header.
    ///
    /// Every message has several URIs (Request-URI, From, To, Contact, routes), nearly all of
    /// this shape: the general parser's component-by-component checks cost several times more.
    static func plainSIP(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) -> SIPURI? {
        guard let layout = PlainLayout(bytes, maxParameters: limits.maxParameters) else { return nil }
        // The usual URI keeps its bytes and where its parts are; Strings are made when read.
        if layout.hasAllParameterSpans { return SIPURI(source: SIPAddressSource(uri: bytes, layout: layout)) }
        let base = bytes.startIndex
        let hostBytes = bytes[(base + layout.hostStart)..<(base + layout.hostEnd)]
        let host: SIPHost = layout.isIPv4 ? .ipv4(SIPText.string(hostBytes)) : .name(SIPText.string(hostBytes))
        var parameters = SIPParameters()
        if layout.hostportEnd < bytes.count {
            parameters.reserveCapacity(layout.parameterCount)
            var segmentStart = base + layout.hostportEnd + 1
            while segmentStart <= bytes.endIndex {
                let segmentEnd = bytes[segmentStart...].firstIndex(of: 0x3B) ?? bytes.endIndex
                let segment = bytes[segmentStart..<segmentEnd]
                if let equals = segment.firstIndex(of: 0x3D) {
                    parameters.append(
                        SIPParameter(
                            name: SIPText.token(segment[segmentStart..<equals]),
                            value: SIPText.token(segment[(equals + 1)...])
                        )
                    )
                } else {
                    parameters.append(SIPParameter(name: SIPText.token(segment), value: nil))
                }
                segmentStart = segmentEnd + 1
            }
        }
        let user = layout.userEnd.map { SIPText.string(bytes[(base + layout.userStart)..<(base + $0)]) }
        return SIPURI(
            Fields(
                scheme: layout.isSecure ? "sips" : "sip",
                opaqueText: SIPSourceText(bytes: bytes[(base + layout.userStart)...]),
                user: user,
                host: host,
                port: layout.port,
                parameters: parameters,
                rawText: SIPSourceText(bytes: bytes)
            )
        )
    }

    /// Where the components of a plain SIP URI are, as offsets from the start of its bytes; made
    /// only when every byte fits (see ``SIPURI/plainSIP(_:limits:)``).
    struct PlainLayout: Sendable {
        var isSecure = false
        /// After `scheme:`: the user part when there is one, else the host.
        var userStart = 0
        /// The `@` ending the user part, when there is one.
        var userEnd: Int?
        var hostStart = 0
        var hostEnd = 0
        /// After the port's colon; equal to `hostportEnd` without a port.
        var portStart = 0
        /// The first `;`, or the end.
        var hostportEnd = 0
        var parameterCount = 0
        /// Where the parameters are, when there are at most ``SIPParameterSpans/capacity``.
        var parameters = SIPParameterSpans()
        /// Whether the host is an IPv4 address rather than a name.
        var isIPv4 = false
        var port: UInt16?

        /// Whether ``parameters`` holds every parameter.
        var hasAllParameterSpans: Bool { parameters.count == parameterCount }

        private init() {}

        /// The layout of `bytes` when it is a plain SIP URI with a plain host (``SIPHost/plainHost(_:)``)
        /// and a port up to 65535.
        init?(_ bytes: ArraySlice<UInt8>, maxParameters: Int) {
            guard var layout = PlainLayout(scanning: bytes, maxParameters: maxParameters) else { return nil }
            let base = bytes.startIndex
            guard let isIPv4 = SIPHost.plainHostIsIPv4(bytes[(base + layout.hostStart)..<(base + layout.hostEnd)])
            else { return nil }
            layout.isIPv4 = isIPv4
            if layout.portStart < layout.hostportEnd {
                let digits = bytes[(base + layout.portStart)..<(base + layout.hostportEnd)]
                guard let value = SIPText.decimal(digits, maximum: UInt64(UInt16.max)) else { return nil }
                layout.port = UInt16(truncatingIfNeeded: value)
            }
            self = layout
        }

        private init?(scanning bytes: ArraySlice<UInt8>, maxParameters: Int) {
            // Offsets are kept as UInt16 (parameter spans): longer URIs take the full parse.
            guard SIPParameterSpans.fits(bytes) else { return nil }
            // Every read of `buffer` is at an offset checked against buffer.count just before it.
            let found: PlainLayout? = bytes.withUnsafeBufferPointer { buffer in
                var layout = PlainLayout()
                let count = buffer.count
                guard count > 4, buffer[0] | 0x20 == 0x73, buffer[1] | 0x20 == 0x69, buffer[2] | 0x20 == 0x70
                else { return nil }
                var offset = 3
                if buffer[3] | 0x20 == 0x73 {
                    layout.isSecure = true
                    offset = 4
                }
                guard offset < count, buffer[offset] == 0x3A else { return nil }
                offset += 1
                layout.userStart = offset
                // The full parse takes the first '@' as the end of the user part wherever it is,
                // so a plain URI has it before any ';', or none at all.
                var userOrHostEnd = offset
                while userOrHostEnd < count, SIPCharacterClass.user.contains(buffer[userOrHostEnd]),
                    buffer[userOrHostEnd] != 0x3B
                {
                    userOrHostEnd += 1
                }
                if userOrHostEnd < count, buffer[userOrHostEnd] == 0x40 {
                    guard userOrHostEnd > offset else { return nil }
                    layout.userEnd = userOrHostEnd
                    offset = userOrHostEnd + 1
                }
                layout.hostStart = offset
                while offset < count, buffer[offset] != 0x3A, buffer[offset] != 0x3B {
                    guard SIPText.isAlphanumeric(buffer[offset]) || buffer[offset] == 0x2D || buffer[offset] == 0x2E
                    else { return nil }
                    offset += 1
                }
                layout.hostEnd = offset
                guard layout.hostEnd > layout.hostStart else { return nil }
                layout.portStart = offset
                if offset < count, buffer[offset] == 0x3A {
                    offset += 1
                    layout.portStart = offset
                    while offset < count, SIPText.isDigit(buffer[offset]) { offset += 1 }
                    guard offset > layout.portStart else { return nil }
                }
                layout.hostportEnd = offset
                // Parameters: non-empty segments of `paramchar` with at most one '=' after a non-empty name.
                while offset < count {
                    guard buffer[offset] == 0x3B, layout.parameterCount < maxParameters else { return nil }
                    offset += 1
                    let nameStart = offset
                    while offset < count, SIPCharacterClass.uriParameter.contains(buffer[offset]) { offset += 1 }
                    guard offset > nameStart else { return nil }
                    // Offsets are at most count, which fits a UInt16 (checked above).
                    var span = SIPParameterSpans.Span(
                        nameStart: UInt16(truncatingIfNeeded: nameStart),
                        nameEnd: UInt16(truncatingIfNeeded: offset)
                    )
                    if offset < count, buffer[offset] == 0x3D {
                        offset += 1
                        let valueStart = offset
                        while offset < count, SIPCharacterClass.uriParameter.contains(buffer[offset]) { offset += 1 }
                        span.valueStart = UInt16(truncatingIfNeeded: valueStart)
                        span.valueEnd = UInt16(truncatingIfNeeded: offset)
                        span.form = .plain
                    }
                    // Past the capacity the parameters are counted only, and made as Strings.
                    _ = layout.parameters.append(span)
                    layout.parameterCount += 1
                }
                return layout
            }
            guard let found else { return nil }
            self = found
        }
    }
}
