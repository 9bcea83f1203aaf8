// libFuzzer entry point for the SIP message parser and validator, built by scripts/fuzz.sh
// together with the SIPMessage sources (not part of the package build). Every input must end
// in a message or a SIPParseError: a crash, trap, leak or hang is a bug. The quick scans
// (From/To tag, top Via identity) are checked against the typed parsers on every input, and
// the one-pass URI reading (SIPURI.plainSIP) against the full URI parser, the one-pass Via
// reading (SIPVia.appendPlainList) against the full Via parser, and the one-pass address lists
// (SIPNameAddress.appendPlainList) against the full address parser, component by component.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSIPMessage(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    checkPlainURI(bytes[...])
    checkPlainVia(bytes[...])
    checkPlainAddresses(bytes[...])
    guard let message = try? SIPMessage(parsing: bytes) else { return 0 }
    let violations = message.validate()
    let fields = message.headerFields
    checkQuickScans(message)
    if let requestURI = message.requestURIBytes { checkPlainURI(requestURI) }
    for value in message.rawValues(.via) { checkPlainVia(value) }
    for name in [SIPHeaderName.from, .to, .contact, .recordRoute, .route, .pAssertedIdentity] {
        for value in message.rawValues(name) { checkPlainAddresses(value) }
    }
    // Keeps the optimiser from dropping the work; never true for a parsed message.
    return violations.count + fields.count < 0 ? 1 : 0
}

/// Differential check: the quick scans must agree with the typed parsers whenever those parse.
private func checkQuickScans(_ message: SIPMessage) {
    let cseq = (try? message.cseq()) ?? nil
    if message.cseqValue() != cseq {
        fatalError("cseqValue() \(String(describing: message.cseqValue())) != CSeq \(String(describing: cseq))")
    }
    if let from = (try? message.from()) ?? nil, message.fromTag() != from.tag {
        fatalError("fromTag() \(String(describing: message.fromTag())) != From tag \(String(describing: from.tag))")
    }
    if let to = (try? message.to()) ?? nil, message.toTag() != to.tag {
        fatalError("toTag() \(String(describing: message.toTag())) != To tag \(String(describing: to.tag))")
    }
    if let via = (try? message.topVia()) ?? nil {
        let host = via.host.text.lowercased()
        let sentBy = via.port.map { "\(host):\($0)" } ?? host
        let identity = message.topViaTransactionIdentity()
        if identity?.branch != via.branch || identity?.sentBy != sentBy {
            fatalError(
                "topViaTransactionIdentity() \(String(describing: identity)) != \(String(describing: via.branch)) \(sentBy)"
            )
        }
        if let bytes = message.topViaTransactionIdentityBytes(),
            bytes.branch.map({ String(decoding: $0, as: UTF8.self) }) != via.branch
                || String(decoding: bytes.sentBy, as: UTF8.self) != sentBy
        {
            fatalError("topViaTransactionIdentityBytes() differs from the Via parser: \(sentBy)")
        }
    }
}

/// Differential check: a URI read in one pass must be what the full parser reads, without notes.
private func checkPlainURI(_ bytes: ArraySlice<UInt8>) {
    guard let plain = SIPURI.plainSIP(bytes, limits: .default) else { return }
    var notes: [SIPParseNote] = []
    let full = try? SIPURI.parseInFull(bytes, limits: .default, notes: &notes)
    if full != plain || !notes.isEmpty {
        fatalError("plainSIP \(plain) != full parse \(String(describing: full)) (notes \(notes))")
    }
}

/// Differential check: Via values read in one pass must be what the full parser reads, without notes.
private func checkPlainVia(_ bytes: ArraySlice<UInt8>) {
    var plain: [SIPVia] = []
    guard SIPVia.appendPlainList(bytes, to: &plain, limits: .default) else { return }
    var notes: [SIPParseNote] = []
    var full: [SIPVia] = []
    try? SIPScanner.appendList(bytes, to: &full, limits: .default, emptyReason: "empty", notes: &notes) {
        element,
        notes throws(SIPParseError) in try SIPVia.parseInFull(element, limits: .default, notes: &notes)
    }
    if full.map(\.fields) != plain.map(\.fields) || !notes.isEmpty {
        fatalError("plain Via \(plain) != full parse \(full) (notes \(notes))")
    }
}

/// Differential check: address lists read in one pass must be what the full parser reads,
/// component by component (equality alone compares parsed values by their bytes), without notes.
private func checkPlainAddresses(_ bytes: ArraySlice<UInt8>) {
    var plain: [SIPNameAddress] = []
    guard SIPNameAddress.appendPlainList(bytes, to: &plain, limits: .default) else { return }
    var notes: [SIPParseNote] = []
    var full: [SIPNameAddress] = []
    try? SIPScanner.forEachListElement(bytes, limits: .default, notes: &notes) {
        element,
        notes throws(SIPParseError) in
        full.append(try SIPNameAddress.parseInFull(element, limits: .default, notes: &notes))
    }
    if full.map(addressComponents) != plain.map(addressComponents) || full != plain || !notes.isEmpty {
        fatalError("plain addresses \(plain) != full parse \(full) (notes \(notes))")
    }
}

/// Every component of `address` as the public API reads it.
private func addressComponents(_ address: SIPNameAddress) -> [String] {
    let uri = address.uri
    return [
        address.displayName ?? "<nil>", address.raw, "\(address.isNameAddr)",
        address.parameters.elements.map { "\($0.name)=\($0.value ?? "<nil>")" }.joined(separator: ";"),
        uri.scheme, uri.opaque, uri.user ?? "<nil>", uri.password ?? "<nil>", uri.host?.text ?? "<nil>",
        "\(uri.port ?? 0)", uri.parameters.elements.map { "\($0.name)=\($0.value ?? "<nil>")" }.joined(separator: ";"),
        "\(uri.headers.count)", uri.telephoneNumber ?? "<nil>", uri.raw,
    ]
}
