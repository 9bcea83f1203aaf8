public import SIPAnalysis
import SIPCapture
public import SIPDiagnosis
import SIPMessage

/// Makes calls and findings safe to attach to a support ticket.
///
/// Always removed, whatever the options, and replaced by a marker that says what was there
/// (``SecretKind/marker``, e.g. `REDACTED-DIGEST-RESPONSE`): Digest `response`, `rspauth` and
/// `cnonce` values and other schemes' credentials, URI passwords, SDP keys (`a=crypto`,
/// `a=key-mgmt`, `k=`, `a=ice-pwd`), and any literal secret given (the API token). Bodies
/// sent base64-encoded (RFC 2045 section 6.8) are decoded, redacted and encoded again, and
/// multipart bodies (RFC 2046 section 5.1) are redacted part by part, so a key hidden in an
/// encoding is removed too. `Content-Length` is corrected where a body's length changed.
///
/// With ``redactsPersonalData``, user parts and telephone numbers, display names and IP
/// addresses are replaced by stand-ins (``Pseudonyms``), the same original by the same
/// stand-in everywhere: in messages, lanes, call summaries and findings. Methods, status
/// codes, header names, transports, ports and times are kept: they are what support needs.
///
/// The redactor learns as it goes (a secret removed from one message is also removed where it
/// recurs in free text), so redact the messages before the findings: ``redact(_:findings:)``
/// does both in that order.
public struct ReportRedactor: Sendable {
    /// Whether personal data is replaced too (`--redact-pii`).
    public let redactsPersonalData: Bool
    /// The stand-ins handed out so far.
    public private(set) var pseudonyms = Pseudonyms()
    /// How many secrets of each kind were removed.
    public private(set) var removed: [SecretKind: Int] = [:]
    /// Secret values met so far (at least ``minimumLiteralLength`` bytes), removed wherever they
    /// recur.
    private var knownSecrets = LiteralIndex<SecretKind>(keyLength: minimumLiteralLength)
    /// Display names and users met so far, to replace where they recur in free text.
    private var knownWords = LiteralIndex<SensitiveSpan.Kind>(keyLength: 2)

    /// Shorter secrets are only removed where their syntax shows them: a four-digit password
    /// replaced everywhere would also replace CSeq numbers and ports.
    static let minimumLiteralLength = 6

    /// A redactor that also removes each of `secrets` wherever it appears (e.g. the API token as
    /// `.apiToken`), and with `redactsPersonalData` replaces personal data by stand-ins.
    public init(redactsPersonalData: Bool = false, secrets: [(value: String, kind: SecretKind)] = []) {
        self.redactsPersonalData = redactsPersonalData
        for secret in secrets { learn(Array(secret.value.utf8), as: secret.kind) }
    }

    /// What was removed and replaced, for the report to say.
    public var summary: RedactionSummary {
        RedactionSummary(
            removed: removed,
            personalData: redactsPersonalData
                ? .init(
                    addresses: pseudonyms.addresses.count,
                    users: pseudonyms.users.count,
                    names: pseudonyms.names.count
                ) : nil
        )
    }

    // MARK: - Calls and findings

    /// The calls and findings as a report may show them.
    public mutating func redact(_ calls: [SIPCall], findings: [Finding]) -> (calls: [SIPCall], findings: [Finding]) {
        let calls = calls.map { redact($0) }
        let findings = findings.map { redact($0) }
        return (calls, findings)
    }

    /// The call with its messages and the texts the reports show redacted: Call-ID, From, To,
    /// display names, notes, related legs, transaction endpoints, media addresses and the
    /// registration's identities.
    public mutating func redact(_ call: SIPCall) -> SIPCall {
        var call = call
        call.messages = call.messages.map { message in
            var message = message
            // Endpoints first, so that the first lane of the ladder gets the first stand-in.
            message.source = redact(message.source)
            message.destination = redact(message.destination)
            message.payload = redact(message: message.payload)
            return message
        }
        call.callID = redact(text: call.callID)
        call.from = call.from.map { redact(text: $0) }
        call.to = call.to.map { redact(text: $0) }
        call.fromDisplayName = call.fromDisplayName.map { redact(name: $0) }
        call.toDisplayName = call.toDisplayName.map { redact(name: $0) }
        call.notes = call.notes.map { redact(text: $0) }
        call.relatedCallIDs = call.relatedCallIDs.map { redact(text: $0) }
        call.transactions = call.transactions.map { transaction in
            var transaction = transaction
            transaction.client = redact(transaction.client)
            transaction.server = redact(transaction.server)
            transaction.sentBy = redact(text: transaction.sentBy)
            return transaction
        }
        call.media.offer = call.media.offer.map { redact($0) }
        call.media.answer = call.media.answer.map { redact($0) }
        if var registration = call.registration {
            registration.addressOfRecord = redact(text: registration.addressOfRecord)
            registration.contact = registration.contact.map { redact(text: $0) }
            registration.digestUsernames = registration.digestUsernames.map { redact(user: $0) }
            call.registration = registration
        }
        return call
    }

    /// The finding with its texts redacted (messages are referred to by index, which stays).
    public mutating func redact(_ finding: Finding) -> Finding {
        var finding = finding
        finding.summary = redact(text: finding.summary)
        finding.explanation = redact(text: finding.explanation)
        finding.fix = finding.fix.map { redact(text: $0) }
        finding.callID = finding.callID.map { redact(text: $0) }
        finding.evidence = finding.evidence.map { evidence in
            var evidence = evidence
            evidence.text = redact(text: evidence.text)
            return evidence
        }
        return finding
    }

    private mutating func redact(_ media: MediaDescription) -> MediaDescription {
        var media = media
        media.endpoint = media.endpoint.map { redact(text: $0) }
        return media
    }

    private mutating func redact(_ endpoint: Endpoint) -> Endpoint {
        guard redactsPersonalData else { return endpoint }
        return Endpoint(address: pseudonyms.address(for: endpoint.address), port: endpoint.port)
    }

    private mutating func redact(name: String) -> String {
        guard redactsPersonalData, !name.isEmpty else { return name }
        knownWords.insert(Array(name.utf8), .name)
        return pseudonyms.name(for: name)
    }

    private mutating func redact(user: String) -> String {
        guard redactsPersonalData, !user.isEmpty else { return user }
        return pseudonyms(user: user)
    }

    // MARK: - Free text

    /// A text of sipdiag's own or from a capture (a Call-ID, a URI, a finding's explanation):
    /// URI passwords and known secrets removed; with personal data, URI users, addresses and
    /// the names and users already met replaced.
    public mutating func redact(text: String) -> String {
        let bytes = Array(text.utf8)
        var spans = SensitiveScanner.uris(bytes, in: bytes.indices)
        spans += literalSecretSpans(bytes, in: bytes.indices)
        if redactsPersonalData {
            // sipdiag's sentences cite RFC sections such as 18.2.1.4: not addresses.
            spans += SensitiveScanner.addresses(bytes, in: bytes.indices).filter {
                !Self.follows("section ", at: $0.range.lowerBound, in: bytes)
            }
            spans += knownPersonalDataSpans(bytes)
        }
        return String(decoding: apply(spans, to: bytes), as: UTF8.self)
    }

    /// Display names and users already met, where they recur in free text: names and numbers as
    /// whole words, other users only as the user of an address (`alice@`), since a user such as
    /// `platform` or `service` is also a word of sipdiag's own sentences. A number of three
    /// digits or fewer is left alone: it could as well be a status code.
    private func knownPersonalDataSpans(_ bytes: [UInt8]) -> [SensitiveSpan] {
        knownWords.matches(in: bytes, within: bytes.indices, wholeWord: true).compactMap { match in
            if case .user = match.tag {
                let user = bytes[match.range]
                let isNumber = Pseudonyms.looksLikeNumber(String(decoding: user, as: UTF8.self))
                let isAddress =
                    match.range.upperBound < bytes.count && bytes[match.range.upperBound] == UInt8(ascii: "@")
                guard (isNumber && user.count > 3) || isAddress else { return nil }
            }
            return SensitiveSpan(range: match.range, kind: match.tag)
        }
    }

    /// Whether `word` (ASCII, without case) ends right before `index`.
    private static func follows(_ word: String, at index: Int, in bytes: [UInt8]) -> Bool {
        let start = index - word.utf8.count
        return start >= 0 && SensitiveScanner.matches(bytes, at: start, word, in: start..<index)
    }

    // MARK: - Messages

    /// A SIP message's bytes with its secrets (and personal data) replaced. The start line and
    /// header fields are read line by line (a folded line continues its field, RFC 3261 section
    /// 7.3.1); the body by its content type and transfer encoding.
    public mutating func redact(message payload: [UInt8]) -> [UInt8] {
        let known = knownSecrets.count
        let redacted = redactOnce(message: payload)
        // A secret first met in this message may recur earlier in it (a password echoed in an
        // X- header): once more with what was learned. Markers and stand-ins stay as they are.
        return knownSecrets.count == known ? redacted : redactOnce(message: redacted)
    }

    private mutating func redactOnce(message payload: [UInt8]) -> [UInt8] {
        let (headerEnd, bodyStart) = Self.headerBoundary(payload)
        let header = headerFields(payload, in: 0..<headerEnd, hasStartLine: true)
        // The header first, so that stand-ins are handed out in reading order.
        var redactedHeader = apply(header.spans, to: Array(payload[..<bodyStart]))
        let body = Array(payload[bodyStart...])
        let redactedBody = redact(
            body: body,
            contentType: header.contentType,
            transferEncoding: header.transferEncoding,
            depth: 0
        )
        if redactedBody.count != body.count, let value = Self.contentLengthValue(in: redactedHeader) {
            redactedHeader.replaceSubrange(value, with: String(redactedBody.count).utf8)
        }
        return redactedHeader + redactedBody
    }

    /// Where the `Content-Length` (or `l`) value is in a header section.
    static func contentLengthValue(in header: [UInt8]) -> Range<Int>? {
        for line in lines(header, in: header.indices) {
            guard let colon = header[line].firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: header[line.lowerBound..<colon], as: UTF8.self).trimmingSpaces().lowercased()
            guard name == "content-length" || name == "l" else { continue }
            let value = (colon + 1)..<line.upperBound
            let start = SensitiveScanner.skipSpaces(header, value.lowerBound, in: value)
            return start..<SensitiveScanner.trimmedEnd(header, in: start..<value.upperBound)
        }
        return nil
    }

    /// The end of the header fields and the start of the body: after the first empty line
    /// (CR LF CR LF, or LF LF from captures that lost their CRs); all header when there is none.
    static func headerBoundary(_ payload: [UInt8]) -> (headerEnd: Int, bodyStart: Int) {
        var index = 0
        while index < payload.count {
            if payload[index] == 0x0A {
                if index + 1 < payload.count, payload[index + 1] == 0x0A { return (index + 1, index + 2) }
                if index + 2 < payload.count, payload[index + 1] == 0x0D, payload[index + 2] == 0x0A {
                    return (index + 1, index + 3)
                }
            }
            index += 1
        }
        return (payload.count, payload.count)
    }

    /// What a header section holds: the spans to replace and what the body needs to be read.
    private struct HeaderSection {
        var spans: [SensitiveSpan] = []
        var contentType: String?
        var transferEncoding: String?
    }

    /// The spans of a header section (a message's, or a MIME part's) in `range` of `bytes`.
    private mutating func headerFields(_ bytes: [UInt8], in range: Range<Int>, hasStartLine: Bool) -> HeaderSection {
        var section = HeaderSection()
        var name: String?
        var isFirstLine = hasStartLine
        for line in Self.lines(bytes, in: range) {
            var valueRange = line
            if line.isEmpty {
                continue
            } else if bytes[line.lowerBound] == 0x20 || bytes[line.lowerBound] == 0x09 {
                // A folded continuation: Digest parameters go on, without a scheme.
                if name == "authorization" || name == "proxy-authorization" {
                    section.spans += SensitiveScanner.credentials(bytes, in: line, hasScheme: false)
                }
            } else if let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")), !isFirstLine {
                let fieldName = String(decoding: bytes[line.lowerBound..<colon], as: UTF8.self)
                    .trimmingSpaces().lowercased()
                name = fieldName
                valueRange = (colon + 1)..<line.upperBound
                section.spans += SensitiveScanner.headerValue(name: fieldName, bytes, in: valueRange)
                let value = String(decoding: bytes[valueRange], as: UTF8.self).trimmingSpaces()
                switch fieldName {
                case "content-type", "c": section.contentType = value
                case "content-transfer-encoding": section.transferEncoding = value.lowercased()
                default: break
                }
            }
            isFirstLine = false
            section.spans += textSpans(bytes, in: valueRange)
        }
        return section
    }

    /// The body as its type says: base64 decoded, redacted and encoded again; multipart part by
    /// part (nesting bounded, as the parser bounds it); anything else as lines of text (SDP).
    private mutating func redact(
        body: [UInt8],
        contentType: String?,
        transferEncoding: String?,
        depth: Int
    ) -> [UInt8] {
        guard !body.isEmpty, depth < 4 else { return body }
        if transferEncoding == "base64", let decoded = Base64.decode(body) {
            let redacted = redact(body: decoded, contentType: contentType, transferEncoding: nil, depth: depth + 1)
            guard redacted != decoded else { return body }
            let lineBreak: [UInt8] = body.last == 0x0A ? (body.dropLast().last == 0x0D ? [0x0D, 0x0A] : [0x0A]) : []
            return Base64.encode(redacted) + lineBreak
        }
        if let boundary = contentType.flatMap(Self.multipartBoundary) {
            return redact(multipart: body, boundary: Array(("--" + boundary).utf8), depth: depth)
        }
        var spans: [SensitiveSpan] = []
        for line in Self.lines(body, in: body.indices) {
            spans += SensitiveScanner.sdpLine(body, in: line)
            spans += textSpans(body, in: line)
        }
        return apply(spans, to: body)
    }

    /// A multipart body with each part's headers and body redacted; delimiters, preamble and
    /// epilogue as they were (RFC 2046 section 5.1.1).
    private mutating func redact(multipart body: [UInt8], boundary: [UInt8], depth: Int) -> [UInt8] {
        var delimiters: [Range<Int>] = []
        var search = 0
        while let found = Self.firstOccurrence(of: boundary, in: body, from: search) {
            let atLineStart = found == 0 || body[found - 1] == 0x0A
            if atLineStart {
                var lineEnd = found + boundary.count
                while lineEnd < body.count, body[lineEnd] != 0x0A { lineEnd += 1 }
                // The line break before a delimiter belongs to it.
                var start = found
                if start > 0, body[start - 1] == 0x0A { start -= 1 }
                if start > 0, body[start - 1] == 0x0D { start -= 1 }
                // Never back into the delimiter before (an empty part between two delimiters).
                start = max(start, delimiters.last?.upperBound ?? 0)
                delimiters.append(start..<min(lineEnd + 1, body.count))
            }
            search = found + boundary.count
        }
        guard delimiters.count >= 2 else { return body }
        var output = Array(body[..<delimiters[0].upperBound])
        for (current, next) in zip(delimiters, delimiters.dropFirst()) {
            let part = Array(body[current.upperBound..<max(current.upperBound, next.lowerBound)])
            output += redact(part: part, depth: depth)
            output += body[next]
        }
        if let last = delimiters.last { output += body[last.upperBound...] }
        return output
    }

    /// One MIME part: its header fields, then its body by their content type and encoding.
    private mutating func redact(part: [UInt8], depth: Int) -> [UInt8] {
        let (headerEnd, bodyStart) = Self.headerBoundary(part)
        // A part may start with its empty line (no header fields: text/plain by default).
        let startsWithBody = part.first == 0x0A || (part.first == 0x0D && part.dropFirst().first == 0x0A)
        let header = startsWithBody ? HeaderSection() : headerFields(part, in: 0..<headerEnd, hasStartLine: false)
        let bodyOffset = startsWithBody ? (part.first == 0x0A ? 1 : 2) : bodyStart
        let body = Array(part[bodyOffset...])
        let redactedBody = redact(
            body: body,
            contentType: header.contentType,
            transferEncoding: header.transferEncoding,
            depth: depth + 1
        )
        return apply(header.spans, to: Array(part[..<bodyOffset])) + redactedBody
    }

    /// The `boundary` parameter of a `multipart/*` content type (RFC 2046 section 5.1.1).
    static func multipartBoundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: true)
        guard let type = parts.first, type.trimmingSpaces().lowercased().hasPrefix("multipart/") else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingSpaces()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    // MARK: - Spans

    /// What any line of text holds: URIs (passwords always, users with personal data), known
    /// secrets, and addresses with personal data.
    private func textSpans(_ bytes: [UInt8], in range: Range<Int>) -> [SensitiveSpan] {
        var spans = SensitiveScanner.uris(bytes, in: range)
        spans += literalSecretSpans(bytes, in: range)
        if redactsPersonalData { spans += SensitiveScanner.addresses(bytes, in: range) }
        return spans
    }

    private func literalSecretSpans(_ bytes: [UInt8], in range: Range<Int>) -> [SensitiveSpan] {
        knownSecrets.matches(in: bytes, within: range, wholeWord: false).map {
            SensitiveSpan(range: $0.range, kind: .secret($0.tag))
        }
    }

    /// `bytes` with the spans replaced: secrets by their marker (and remembered), personal data
    /// by stand-ins when asked for, the rest of what was found left as it was.
    private mutating func apply(_ spans: [SensitiveSpan], to bytes: [UInt8]) -> [UInt8] {
        // Secrets win over personal data where two overlap (an address inside a URI's
        // password), then the earlier span; stand-ins are handed out in reading order.
        var accepted: [SensitiveSpan] = []
        let secretsFirst = spans.filter { $0.isSecret } + spans.filter { !$0.isSecret }
        for span in secretsFirst where !span.range.isEmpty && span.range.upperBound <= bytes.count {
            if accepted.contains(where: { $0.range.overlaps(span.range) }) { continue }
            accepted.append(span)
        }
        accepted.sort { $0.range.lowerBound < $1.range.lowerBound }
        var edits: [TextEdit] = []
        for span in accepted {
            let original = bytes[span.range]
            switch span.kind {
            case .secret(let kind):
                // A second pass meets the markers of the first: they stay, and are not counted again.
                guard !SecretKind.allCases.contains(where: { original.elementsEqual($0.marker.utf8) }) else { continue }
                edits.append(TextEdit(range: span.range, replacement: Array(kind.marker.utf8), secret: kind))
            case .user where redactsPersonalData:
                let user = String(decoding: original, as: UTF8.self)
                edits.append(TextEdit(range: span.range, replacement: Array(pseudonyms.user(for: user).utf8)))
                knownWords.insert(Array(original), .user)
            case .name where redactsPersonalData:
                let name = String(decoding: original, as: UTF8.self)
                edits.append(TextEdit(range: span.range, replacement: Array(pseudonyms.name(for: name).utf8)))
                knownWords.insert(Array(original), .name)
            case .address(let address) where redactsPersonalData:
                let standIn = pseudonyms.address(for: address).description
                edits.append(TextEdit(range: span.range, replacement: Array(standIn.utf8)))
            case .user, .name, .address:
                continue
            }
        }
        for edit in edits {
            guard let kind = edit.secret else { continue }
            count(kind)
            learn(Array(bytes[edit.range]), as: kind)
        }
        return TextEdit.apply(edits, to: bytes)
    }

    /// The stand-in of a user met outside a message (an account's AOR).
    mutating func pseudonyms(user: String) -> String {
        knownWords.insert(Array(user.utf8), .user)
        return pseudonyms.user(for: user)
    }

    /// Counts one removed secret of `kind`, for ``summary``.
    mutating func count(_ kind: SecretKind) {
        removed[kind, default: 0] += 1
    }

    /// Remembers a secret value (and, for a URI password, its percent-decoded form) to remove
    /// wherever it recurs; the marker itself and short values are not remembered.
    mutating func learn(_ value: [UInt8], as kind: SecretKind) {
        var forms = [value]
        if kind == .uriPassword {
            let decoded = SIPPercentDecoded(String(decoding: value, as: UTF8.self)).bytes
            if decoded != value { forms.append(decoded) }
        }
        for form in forms where form != Array(kind.marker.utf8) {
            knownSecrets.insert(form, kind)
        }
    }

    // MARK: - Bytes

    /// The lines of `range`, without their line ends (LF, or CR LF).
    static func lines(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == 0x0A {
                let end = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
                lines.append(start..<end)
                start = index + 1
            }
            index += 1
        }
        if start < range.upperBound { lines.append(start..<range.upperBound) }
        return lines
    }

    static func firstOccurrence(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
