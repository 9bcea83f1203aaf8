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

    /// The known header a name refers to (case-insensitive, compact forms included), or `nil`.
    ///
    /// A switch on the length and the first letter, then a comparison with at most two
    /// lower-cased names: the parser calls this for every header line, and a table built at
    /// first use would cost a one-time initialisation check on each call.
    static func identify(_ name: UnsafeBufferPointer<UInt8>) -> KnownHeader? {
        let count = name.count
        guard count > 0 else { return nil }
        let first = lowercased(name[0])
        if count == 1 { return compact(first) }
        switch count {
        case 2:
            switch first {
            case 0x74:
                if matches(name, "to") { return .to }
            default: break
            }
        case 3:
            switch first {
            case 0x76:
                if matches(name, "via") { return .via }
            default: break
            }
        case 4:
            switch first {
            case 0x63:
                if matches(name, "cseq") { return .cseq }
            case 0x64:
                if matches(name, "date") { return .date }
            case 0x66:
                if matches(name, "from") { return .from }
            case 0x72:
                if matches(name, "rack") { return .rack }
                if matches(name, "rseq") { return .rseq }
            default: break
            }
        case 5:
            switch first {
            case 0x61:
                if matches(name, "allow") { return .allow }
            case 0x65:
                if matches(name, "event") { return .event }
            case 0x72:
                if matches(name, "route") { return .route }
            case 0x78:
                if matches(name, "x-cid") { return .xCID }
            default: break
            }
        case 6:
            switch first {
            case 0x61:
                if matches(name, "accept") { return .accept }
            case 0x6D:
                if matches(name, "min-se") { return .minSE }
            case 0x72:
                if matches(name, "reason") { return .reason }
            case 0x73:
                if matches(name, "server") { return .server }
            default: break
            }
        case 7:
            switch first {
            case 0x63:
                if matches(name, "call-id") { return .callID }
                if matches(name, "contact") { return .contact }
            case 0x65:
                if matches(name, "expires") { return .expires }
            case 0x72:
                if matches(name, "require") { return .require }
            case 0x73:
                if matches(name, "subject") { return .subject }
            case 0x77:
                if matches(name, "warning") { return .warning }
            default: break
            }
        case 8:
            switch first {
            case 0x69:
                if matches(name, "identity") { return .identity }
            case 0x72:
                if matches(name, "refer-to") { return .referTo }
                if matches(name, "replaces") { return .replaces }
            default: break
            }
        case 9:
            switch first {
            case 0x64:
                if matches(name, "diversion") { return .diversion }
            case 0x73:
                if matches(name, "supported") { return .supported }
            case 0x78:
                if matches(name, "x-call-id") { return .xCallID }
            default: break
            }
        case 10:
            switch first {
            case 0x75:
                if matches(name, "user-agent") { return .userAgent }
            default: break
            }
        case 11:
            switch first {
            case 0x6D:
                if matches(name, "min-expires") { return .minExpires }
            case 0x72:
                if matches(name, "referred-by") { return .referredBy }
                if matches(name, "retry-after") { return .retryAfter }
            case 0x75:
                if matches(name, "unsupported") { return .unsupported }
            default: break
            }
        case 12:
            switch first {
            case 0x61:
                if matches(name, "allow-events") { return .allowEvents }
            case 0x63:
                if matches(name, "content-type") { return .contentType }
            case 0x68:
                if matches(name, "history-info") { return .historyInfo }
            case 0x6D:
                if matches(name, "max-forwards") { return .maxForwards }
            case 0x72:
                if matches(name, "record-route") { return .recordRoute }
            default: break
            }
        case 13:
            switch first {
            case 0x61:
                if matches(name, "authorization") { return .authorization }
            case 0x69:
                if matches(name, "identity-info") { return .identityInfo }
            case 0x70:
                if matches(name, "proxy-require") { return .proxyRequire }
            default: break
            }
        case 14:
            switch first {
            case 0x61:
                if matches(name, "accept-contact") { return .acceptContact }
            case 0x63:
                if matches(name, "content-length") { return .contentLength }
            case 0x72:
                if matches(name, "reject-contact") { return .rejectContact }
            default: break
            }
        case 15:
            switch first {
            case 0x72:
                if matches(name, "remote-party-id") { return .remotePartyID }
            case 0x73:
                if matches(name, "session-expires") { return .sessionExpires }
            default: break
            }
        case 16:
            switch first {
            case 0x63:
                if matches(name, "content-encoding") { return .contentEncoding }
            case 0x77:
                if matches(name, "www-authenticate") { return .wwwAuthenticate }
            default: break
            }
        case 18:
            switch first {
            case 0x70:
                if matches(name, "proxy-authenticate") { return .proxyAuthenticate }
            case 0x73:
                if matches(name, "subscription-state") { return .subscriptionState }
            default: break
            }
        case 19:
            switch first {
            case 0x70:
                if matches(name, "p-asserted-identity") { return .pAssertedIdentity }
                if matches(name, "proxy-authorization") { return .proxyAuthorization }
            case 0x72:
                if matches(name, "request-disposition") { return .requestDisposition }
            default: break
            }
        case 20:
            switch first {
            case 0x70:
                if matches(name, "p-preferred-identity") { return .pPreferredIdentity }
            default: break
            }
        default: break
        }
        return nil
    }

    /// The header of a compact form (see ``compactForm``), given lower-cased.
    private static func compact(_ letter: UInt8) -> KnownHeader? {
        switch letter {
        case 0x69: .callID
        case 0x6D: .contact
        case 0x65: .contentEncoding
        case 0x6C: .contentLength
        case 0x63: .contentType
        case 0x66: .from
        case 0x73: .subject
        case 0x6B: .supported
        case 0x74: .to
        case 0x76: .via
        case 0x72: .referTo
        case 0x62: .referredBy
        case 0x6F: .event
        case 0x75: .allowEvents
        case 0x78: .sessionExpires
        case 0x79: .identity
        case 0x61: .acceptContact
        case 0x6A: .rejectContact
        case 0x64: .requestDisposition
        case 0x6E: .identityInfo
        default: nil
        }
    }

    /// Whether `name` is `lowercase` ignoring ASCII case; the caller has checked the lengths.
    @inline(__always)
    private static func matches(_ name: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        lowercase.withUTF8Buffer { wanted in
            // Both buffers have `name.count` bytes (the caller switched on the count), and the
            // guard checks it again so that no index can pass either end.
            guard wanted.count == name.count else { return false }
            for index in 0..<wanted.count where lowercased(name[index]) != wanted[index] { return false }
            return true
        }
    }

    /// ASCII letters folded to lower case; every other byte unchanged.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
