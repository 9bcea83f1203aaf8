/// Strict validation: every RFC 3261 rule a message breaks, as notes with
/// ``SIPParseNote/isViolation`` set. The lenient parser's own violations come first, then
/// the rules below, each citing where it comes from.
enum SIPMessageValidator {
    /// Header fields that may appear once only (RFC 3261 section 7.3.1: only headers whose
    /// grammar is a comma-separated list may be repeated).
    static let singleValued: [SIPHeaderName] = [
        .callID, .cseq, .from, .to, .maxForwards, .contentType, .contentLength, .expires, .minExpires,
        .date, .retryAfter, .rseq, .rack, .sessionExpires, .minSE, .replaces, .referTo, .subject,
    ]

    static func validate(_ message: SIPMessage) -> [SIPParseNote] {
        var violations = message.notes.filter(\.isViolation)
        checkMandatoryHeaders(message, into: &violations)
        checkRepeatedHeaders(message, into: &violations)
        checkCSeqMethod(message, into: &violations)
        checkCharacters(message, into: &violations)
        checkHeaderValues(message, into: &violations)
        return violations
    }

    /// RFC 3261 section 8.1.1: a request carries To, From, CSeq, Call-ID, Max-Forwards and Via;
    /// section 8.2.6.2: a response carries To, From, CSeq, Call-ID and Via. Max-Forwards is
    /// not required of an RFC 2543 client (no magic cookie in the top Via branch), whose
    /// requests RFC 4475 section 3.3.15 says must still be accepted.
    private static func checkMandatoryHeaders(_ message: SIPMessage, into violations: inout [SIPParseNote]) {
        var required: [SIPHeaderName] = [.to, .from, .cseq, .callID, .via]
        if message.isRequest, hasMagicCookie(message) { required.insert(.maxForwards, at: 4) }
        let missing = required.filter { !message.contains($0) }
        guard !missing.isEmpty else { return }
        let names = missing.map(\.canonicalName).joined(separator: ", ")
        let section = message.isRequest ? "8.1.1" : "8.2.6.2"
        violations.append(
            SIPParseNote(
                .missingHeader,
                "missing required header\(missing.count > 1 ? "s" : ""): \(names) (RFC 3261 section \(section))"
            )
        )
    }

    /// Whether the top Via's branch starts with `z9hG4bK` (RFC 3261 section 8.1.1.7).
    static func hasMagicCookie(_ message: SIPMessage) -> Bool {
        ((try? message.topVia()) ?? nil)?.hasMagicCookie ?? false
    }

    private static func checkRepeatedHeaders(_ message: SIPMessage, into violations: inout [SIPParseNote]) {
        for name in singleValued {
            let values = message.rawValues(name)
            guard values.count > 1 else { continue }
            // Repeated identical Content-Lengths are harmless; differing ones were noted by the parser.
            if name == .contentLength { continue }
            violations.append(
                SIPParseNote(
                    .inconsistent,
                    "\(name.canonicalName) appears \(values.count) times but allows one value (RFC 3261 section 7.3.1)",
                    offset: values[1].startIndex
                )
            )
        }
    }

    /// RFC 3261 section 8.1.1.5: the CSeq method matches the request method.
    private static func checkCSeqMethod(_ message: SIPMessage, into violations: inout [SIPParseNote]) {
        // An unparseable CSeq is reported by the header checks; there is no method to compare.
        guard let method = message.method, let cseq = (try? message.cseq()) ?? nil else { return }
        if cseq.method != method.rawValue {
            violations.append(
                SIPParseNote(
                    .inconsistent,
                    "CSeq method \(cseq.method) does not match the request method \(method) (RFC 3261 section 8.1.1.5)",
                    offset: message.firstRawValue(.cseq)?.startIndex
                )
            )
        }
    }
}

extension SIPMessageValidator {
    /// RFC 3261 section 25: header text is UTF-8 (RFC 3629) and has no NUL; a NUL may only
    /// appear escaped inside a quoted string (`quoted-pair`, RFC 4475 section 3.1.1.2).
    fileprivate static func checkCharacters(_ message: SIPMessage, into violations: inout [SIPParseNote]) {
        for field in message.fieldIndex {
            let value = message.bytes[field.valueRange]
            var previous: UInt8 = 0
            for (offset, byte) in zip(value.indices, value) {
                if byte == 0, previous != 0x5C {
                    violations.append(
                        SIPParseNote(
                            .invalidCharacters,
                            "NUL byte in \(SIPHeaderField(index: field, bytes: message.bytes).name) (RFC 3261 section 25)",
                            offset: offset
                        )
                    )
                    break
                }
                previous = byte
            }
            if value.contains(where: { $0 >= 0x80 }), !isValidUTF8(value) {
                violations.append(
                    SIPParseNote(
                        .invalidCharacters,
                        "\(SIPHeaderField(index: field, bytes: message.bytes).name) is not valid UTF-8 (RFC 3261 section 25)",
                        offset: value.startIndex
                    )
                )
            }
        }
    }

    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}

extension SIPMessage {
    /// Every RFC 3261 rule the message breaks (strict mode). Empty for a valid message.
    public func validate() -> [SIPParseNote] {
        SIPMessageValidator.validate(self)
    }
}
