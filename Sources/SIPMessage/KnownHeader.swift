/// The header names the parser recognises without building a String, so that indexing a
/// message's headers costs one pass over its bytes.
enum KnownHeader: UInt8, CaseIterable, Sendable {
    case accept, allow, allowEvents, authorization, callID, contact, contentEncoding, contentLength
    case contentType, cseq, date, diversion, event, expires, from, historyInfo, maxForwards
    case minExpires, minSE, pAssertedIdentity, pPreferredIdentity, proxyAuthenticate
    case proxyAuthorization, proxyRequire, rack, reason, recordRoute, referTo, referredBy
    case remotePartyID, replaces, require, retryAfter, route, rseq, server, sessionExpires
    case subject, subscriptionState, supported, to, unsupported, userAgent, via, warning
    case wwwAuthenticate, xCallID, xCID, acceptContact, rejectContact, requestDisposition
    case identity, identityInfo

    var canonicalName: String {
        switch self {
        case .accept: "Accept"
        case .allow: "Allow"
        case .allowEvents: "Allow-Events"
        case .authorization: "Authorization"
        case .callID: "Call-ID"
        case .contact: "Contact"
        case .contentEncoding: "Content-Encoding"
        case .contentLength: "Content-Length"
        case .contentType: "Content-Type"
        case .cseq: "CSeq"
        case .date: "Date"
        case .diversion: "Diversion"
        case .event: "Event"
        case .expires: "Expires"
        case .from: "From"
        case .historyInfo: "History-Info"
        case .maxForwards: "Max-Forwards"
        case .minExpires: "Min-Expires"
        case .minSE: "Min-SE"
        case .pAssertedIdentity: "P-Asserted-Identity"
        case .pPreferredIdentity: "P-Preferred-Identity"
        case .proxyAuthenticate: "Proxy-Authenticate"
        case .proxyAuthorization: "Proxy-Authorization"
        case .proxyRequire: "Proxy-Require"
        case .rack: "RAck"
        case .reason: "Reason"
        case .recordRoute: "Record-Route"
        case .referTo: "Refer-To"
        case .referredBy: "Referred-By"
        case .remotePartyID: "Remote-Party-ID"
        case .replaces: "Replaces"
        case .require: "Require"
        case .retryAfter: "Retry-After"
        case .route: "Route"
        case .rseq: "RSeq"
        case .server: "Server"
        case .sessionExpires: "Session-Expires"
        case .subject: "Subject"
        case .subscriptionState: "Subscription-State"
        case .supported: "Supported"
        case .to: "To"
        case .unsupported: "Unsupported"
        case .userAgent: "User-Agent"
        case .via: "Via"
        case .warning: "Warning"
        case .wwwAuthenticate: "WWW-Authenticate"
        case .xCallID: "X-Call-ID"
        case .xCID: "X-CID"
        case .acceptContact: "Accept-Contact"
        case .rejectContact: "Reject-Contact"
        case .requestDisposition: "Request-Disposition"
        case .identity: "Identity"
        case .identityInfo: "Identity-Info"
        }
    }

    /// Compact forms: RFC 3261 section 7.3.3 (i m e l c f s k t v), RFC 3515 (r), RFC 3892 (b),
    /// RFC 6665 (o u), RFC 4028 (x), RFC 8224 (y), RFC 3841 (a j d), RFC 4474 (n).
    var compactForm: Character? {
        switch self {
        case .callID: "i"
        case .contact: "m"
        case .contentEncoding: "e"
        case .contentLength: "l"
        case .contentType: "c"
        case .from: "f"
        case .subject: "s"
        case .supported: "k"
        case .to: "t"
        case .via: "v"
        case .referTo: "r"
        case .referredBy: "b"
        case .event: "o"
        case .allowEvents: "u"
        case .sessionExpires: "x"
        case .identity: "y"
        case .acceptContact: "a"
        case .rejectContact: "j"
        case .requestDisposition: "d"
        case .identityInfo: "n"
        default: nil
        }
    }

    /// Lower-cased full names as bytes, grouped by length for the lookup.
    private static let byLength: [[(bytes: [UInt8], header: KnownHeader)]] = {
        var table = [[(bytes: [UInt8], header: KnownHeader)]](repeating: [], count: 32)
        for header in KnownHeader.allCases {
            let bytes = Array(header.canonicalName.lowercased().utf8)
            if bytes.count < table.count { table[bytes.count].append((bytes, header)) }
        }
        return table
    }()

    private static let byCompactForm: [KnownHeader?] = {
        var table = [KnownHeader?](repeating: nil, count: 128)
        for header in KnownHeader.allCases {
            if let compact = header.compactForm, let ascii = compact.asciiValue { table[Int(ascii)] = header }
        }
        return table
    }()

    /// The known header a name refers to (case-insensitive, compact forms included), or `nil`.
    static func identify(_ name: UnsafeBufferPointer<UInt8>) -> KnownHeader? {
        let count = name.count
        if count == 1 {
            let folded = lowercased(name[0])
            return folded < 128 ? byCompactForm[Int(folded)] : nil
        }
        guard count > 1, count < byLength.count else { return nil }
        candidates: for candidate in byLength[count] {
            for index in 0..<count where lowercased(name[index]) != candidate.bytes[index] {
                continue candidates
            }
            return candidate.header
        }
        return nil
    }

    /// ASCII letters folded to lower case; every other byte unchanged.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
