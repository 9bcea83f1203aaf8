/// The strict checks that read header values with their typed parsers: a value that does not
/// follow its grammar is a violation, and so is everything the lenient parsers only noted.
extension SIPMessageValidator {
    /// Runs `parse` on every value of `name`; errors and violation notes become violations
    /// named after the header.
    private static func check(
        _ message: SIPMessage,
        _ name: SIPHeaderName,
        into violations: inout [SIPParseNote],
        _ parse: (ArraySlice<UInt8>, inout [SIPParseNote]) throws(SIPParseError) -> Void
    ) {
        for value in message.rawValues(name) {
            var notes: [SIPParseNote] = []
            do {
                try parse(value, &notes)
            } catch {
                violations.append(SIPParseNote(error.code, "\(name): \(error.reason)", offset: error.offset))
            }
            for note in notes where note.isViolation {
                violations.append(SIPParseNote(note.code, "\(name): \(note.message)", offset: note.offset))
            }
        }
    }

    static func checkHeaderValues(_ message: SIPMessage, into violations: inout [SIPParseNote]) {
        let limits = message.limits
        check(message, .via, into: &violations) { value, notes throws(SIPParseError) in
            _ = try SIPVia.parseList(value, limits: limits, notes: &notes)
        }
        for name in [SIPHeaderName.from, .to] {
            check(message, name, into: &violations) { value, notes throws(SIPParseError) in
                _ = try SIPNameAddress.parse(value, limits: limits, notes: &notes)
            }
        }
        check(message, .contact, into: &violations) { value, notes throws(SIPParseError) in
            _ = try SIPContact.parseList(value, limits: limits, notes: &notes)
        }
        for (name, header) in [(SIPHeaderName.route, SIPAddressHeader.route), (.recordRoute, .recordRoute)] {
            check(message, name, into: &violations) { value, notes throws(SIPParseError) in
                _ = try header.parse(value, limits: limits, notes: &notes)
            }
        }
        check(message, .callID, into: &violations) { value, notes throws(SIPParseError) in
            notes += try SIPCallID.parse(value, limits: limits).notes
        }
        check(message, .date, into: &violations) { value, notes throws(SIPParseError) in
            notes += try SIPDate.parse(value, limits: limits).notes
        }
        check(message, .cseq, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPCSeq.parse(value, limits: limits)
        }
        check(message, .maxForwards, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPMaxForwards.parse(value, limits: limits)
        }
        check(message, .contentLength, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPContentLength.parse(value, limits: limits)
        }
        check(message, .expires, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPExpires.parse(value, limits: limits)
        }
        check(message, .minExpires, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPMinExpires.parse(value, limits: limits)
        }
        check(message, .retryAfter, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPRetryAfter.parse(value, limits: limits)
        }
        check(message, .warning, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPWarning.parseList(value, limits: limits)
        }
        check(message, .reason, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPReason.parseList(value, limits: limits)
        }
        check(message, .contentType, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPMediaType.parse(value, limits: limits)
        }
        check(message, .rseq, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPRSeq.parse(value, limits: limits)
        }
        check(message, .rack, into: &violations) { value, _ throws(SIPParseError) in
            _ = try SIPRAck.parse(value, limits: limits)
        }
        check(message, .sessionExpires, into: &violations) { value, notes throws(SIPParseError) in
            notes += try SIPSessionExpires.parse(value, limits: limits).notes
        }
        for name in [SIPHeaderName.allow, .supported, .require, .proxyRequire, .unsupported] {
            check(message, name, into: &violations) { value, _ throws(SIPParseError) in
                _ = try SIPTokenList.parse(value, limits: limits)
            }
        }
        for name in [SIPHeaderName.wwwAuthenticate, .proxyAuthenticate] {
            check(message, name, into: &violations) { value, _ throws(SIPParseError) in
                _ = try SIPChallenge.parseAll(value, limits: limits)
            }
        }
        for name in [SIPHeaderName.authorization, .proxyAuthorization] {
            check(message, name, into: &violations) { value, _ throws(SIPParseError) in
                _ = try SIPCredentials.parse(value, limits: limits)
            }
        }
        checkRequestURI(message, into: &violations)
        checkInviteContact(message, into: &violations)
        checkRegisterWildcard(message, into: &violations)
    }

    /// The Request-URI follows RFC 3261 section 19.1 (RFC 3966 for tel), and a SIP
    /// Request-URI carries no headers (section 19.1.1, table 1).
    private static func checkRequestURI(_ message: SIPMessage, into violations: inout [SIPParseNote]) {
        guard let bytes = message.requestURIBytes else { return }
        var notes: [SIPParseNote] = []
        do {
            let uri = try SIPURI.parse(bytes, limits: message.limits, notes: &notes)
            if uri.isSIP, !uri.headers.isEmpty {
                violations.append(
                    SIPParseNote(
                        .invalidURI,
                        "Request-URI carries headers (?\(uri.headers.map(\.name).joined(separator: "&"))), "
                            + "which RFC 3261 section 19.1.1 does not allow there",
                        offset: bytes.startIndex
                    )
                )
            }
        } catch {
            violations.append(SIPParseNote(error.code, "Request-URI: \(error.reason)", offset: error.offset))
        }
        for note in notes where note.isViolation {
            violations.append(SIPParseNote(note.code, "Request-URI: \(note.message)", offset: note.offset))
        }
    }

    /// RFC 3261 section 8.1.1.8: an INVITE carries exactly one Contact URI.
    private static func checkInviteContact(_ message: SIPMessage, into violations: inout [SIPParseNote]) {
        guard message.method == .invite else { return }
        let count = message.rawValues(.contact).reduce(0) { total, value in
            total + ((try? SIPContact.parseList(value, limits: message.limits))?.addresses.count ?? 1)
        }
        if count > 1 {
            violations.append(
                SIPParseNote(
                    .inconsistent,
                    "an INVITE carries \(count) Contact URIs instead of one (RFC 3261 section 8.1.1.8)"
                )
            )
        }
    }

    /// RFC 3261 section 10.2.2 and 10.3 step 6: `Contact: *` (remove every binding) is only
    /// allowed in a REGISTER with `Expires: 0`, as its only Contact value; a registrar answers
    /// 400 otherwise. `*` mixed with addresses in one header line is already an error of the
    /// Contact grammar (section 20.10); this also counts values on other Contact lines.
    private static func checkRegisterWildcard(_ message: SIPMessage, into violations: inout [SIPParseNote]) {
        guard message.method == .register else { return }
        var wildcard: Int?
        var count = 0
        for value in message.rawValues(.contact) {
            switch try? SIPContact.parseList(value, limits: message.limits) {
            case .wildcard:
                if wildcard == nil { wildcard = value.startIndex }
                count += 1
            case .addresses(let addresses):
                count += addresses.count
            case nil:
                // Malformed values are reported by the header checks; each still is a value.
                count += 1
            }
        }
        guard let wildcard else { return }
        if count > 1 {
            violations.append(
                SIPParseNote(
                    .inconsistent,
                    "REGISTER has 'Contact: *' and \(count - 1) other Contact value\(count > 2 ? "s" : ""); "
                        + "'*' must be the only one (RFC 3261 section 10.3 step 6)",
                    offset: wildcard
                )
            )
        }
        let expires = (try? message.expires()) ?? nil
        if expires?.seconds != 0 {
            violations.append(
                SIPParseNote(
                    .inconsistent,
                    "REGISTER has 'Contact: *' "
                        + (expires.map { "with Expires: \($0.seconds)" } ?? "without an Expires header")
                        + "; '*' requires 'Expires: 0' (RFC 3261 section 10.2.2, 10.3 step 6)",
                    offset: wildcard
                )
            )
        }
    }
}
