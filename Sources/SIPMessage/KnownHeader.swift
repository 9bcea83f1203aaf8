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
    static func identify(_ name: UnsafeBufferPointer<UInt8>) -> KnownHeader? {
        identify(name, start: 0, count: name.count)
    }

    /// The known header the `count` bytes at `start` of `buffer` name, or `nil`.
    ///
    /// The name is read as up to three 8-byte words (the first, the middle and the last eight
    /// bytes), folded to lower case, and a switch on the length and the first word finds the
    /// one name to compare: the parser calls this for every header line, and a table built at
    /// first use would cost a one-time initialisation check on each call. Bytes after the name
    /// in `buffer` are read (eight at a time is cheaper than one by one) but masked off.
    static func identify(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> KnownHeader? {
        guard count > 0, start >= 0, count <= buffer.count - start else { return nil }
        if count == 1 { return compact(lowercased(buffer[start])) }
        let head = folded(word(buffer, start, Swift.min(count, 8)))
        switch count {
        case 2:
            switch head {
            case 0x6F74: return .to  // to
            default: return nil
            }
        case 3:
            switch head {
            case 0x61_6976: return .via  // via
            default: return nil
            }
        case 4:
            switch head {
            case 0x7165_7363: return .cseq  // cseq
            case 0x6574_6164: return .date  // date
            case 0x6D6F_7266: return .from  // from
            case 0x6B63_6172: return .rack  // rack
            case 0x7165_7372: return .rseq  // rseq
            default: return nil
            }
        case 5:
            switch head {
            case 0x77_6F6C_6C61: return .allow  // allow
            case 0x74_6E65_7665: return .event  // event
            case 0x65_7475_6F72: return .route  // route
            case 0x64_6963_2D78: return .xCID  // x-cid
            default: return nil
            }
        case 6:
            switch head {
            case 0x7470_6563_6361: return .accept  // accept
            case 0x6573_2D6E_696D: return .minSE  // min-se
            case 0x6E6F_7361_6572: return .reason  // reason
            case 0x7265_7672_6573: return .server  // server
            default: return nil
            }
        case 7:
            switch head {
            case 0x64_692D_6C6C_6163: return .callID  // call-id
            case 0x74_6361_746E_6F63: return .contact  // contact
            case 0x73_6572_6970_7865: return .expires  // expires
            case 0x65_7269_7571_6572: return .require  // require
            case 0x74_6365_6A62_7573: return .subject  // subject
            case 0x67_6E69_6E72_6177: return .warning  // warning
            default: return nil
            }
        case 8:
            switch head {
            case 0x7974_6974_6E65_6469: return .identity  // identity
            case 0x6F74_2D72_6566_6572: return .referTo  // refer-to
            case 0x7365_6361_6C70_6572: return .replaces  // replaces
            default: return nil
            }
        case 9:
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x6F69_7372_6576_6964:
                if tail == 0x6E6F_6973_7265_7669 { return .diversion }  // diversion
                return nil
            case 0x6574_726F_7070_7573:
                if tail == 0x6465_7472_6F70_7075 { return .supported }  // supported
                return nil
            case 0x692D_6C6C_6163_2D78:
                if tail == 0x6469_2D6C_6C61_632D { return .xCallID }  // x-call-id
                return nil
            default: return nil
            }
        case 10:
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x6567_612D_7265_7375:
                if tail == 0x746E_6567_612D_7265 { return .userAgent }  // user-agent
                return nil
            default: return nil
            }
        case 11:
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x6970_7865_2D6E_696D:
                if tail == 0x7365_7269_7078_652D { return .minExpires }  // min-expires
                return nil
            case 0x6465_7272_6566_6572:
                if tail == 0x7962_2D64_6572_7265 { return .referredBy }  // referred-by
                return nil
            case 0x6661_2D79_7274_6572:
                if tail == 0x7265_7466_612D_7972 { return .retryAfter }  // retry-after
                return nil
            case 0x726F_7070_7573_6E75:
                if tail == 0x6465_7472_6F70_7075 { return .unsupported }  // unsupported
                return nil
            default: return nil
            }
        case 12:
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x7665_2D77_6F6C_6C61:
                if tail == 0x7374_6E65_7665_2D77 { return .allowEvents }  // allow-events
                return nil
            case 0x2D74_6E65_746E_6F63:
                if tail == 0x6570_7974_2D74_6E65 { return .contentType }  // content-type
                return nil
            case 0x2D79_726F_7473_6968:
                if tail == 0x6F66_6E69_2D79_726F { return .historyInfo }  // history-info
                return nil
            case 0x7772_6F66_2D78_616D:
                if tail == 0x7364_7261_7772_6F66 { return .maxForwards }  // max-forwards
                return nil
            case 0x722D_6472_6F63_6572:
                if tail == 0x6574_756F_722D_6472 { return .recordRoute }  // record-route
                return nil
            default: return nil
            }
        case 13:
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x7A69_726F_6874_7561:
                if tail == 0x6E6F_6974_617A_6972 { return .authorization }  // authorization
                return nil
            case 0x7974_6974_6E65_6469:
                if tail == 0x6F66_6E69_2D79_7469 { return .identityInfo }  // identity-info
                return nil
            case 0x6572_2D79_786F_7270:
                if tail == 0x6572_6975_7165_722D { return .proxyRequire }  // proxy-require
                return nil
            default: return nil
            }
        case 14:
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x632D_7470_6563_6361:
                if tail == 0x7463_6174_6E6F_632D { return .acceptContact }  // accept-contact
                return nil
            case 0x2D74_6E65_746E_6F63:
                if tail == 0x6874_676E_656C_2D74 { return .contentLength }  // content-length
                return nil
            case 0x632D_7463_656A_6572:
                if tail == 0x7463_6174_6E6F_632D { return .rejectContact }  // reject-contact
                return nil
            default: return nil
            }
        case 15:
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x702D_6574_6F6D_6572:
                if tail == 0x6469_2D79_7472_6170 { return .remotePartyID }  // remote-party-id
                return nil
            case 0x2D6E_6F69_7373_6573:
                if tail == 0x7365_7269_7078_652D { return .sessionExpires }  // session-expires
                return nil
            default: return nil
            }
        case 16:
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x2D74_6E65_746E_6F63:
                if tail == 0x676E_6964_6F63_6E65 { return .contentEncoding }  // content-encoding
                return nil
            case 0x6874_7561_2D77_7777:
                if tail == 0x6574_6163_6974_6E65 { return .wwwAuthenticate }  // www-authenticate
                return nil
            default: return nil
            }
        case 18:
            let middle = folded(word(buffer, start + 8, 8))
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x7561_2D79_786F_7270:
                // proxy-authenticate
                if middle == 0x6163_6974_6E65_6874, tail == 0x6574_6163_6974_6E65 { return .proxyAuthenticate }
                return nil
            case 0x7069_7263_7362_7573:
                // subscription-state
                if middle == 0x6174_732D_6E6F_6974, tail == 0x6574_6174_732D_6E6F { return .subscriptionState }
                return nil
            default: return nil
            }
        case 19:
            let middle = folded(word(buffer, start + 8, 8))
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x7472_6573_7361_2D70:
                // p-asserted-identity
                if middle == 0x746E_6564_692D_6465, tail == 0x7974_6974_6E65_6469 { return .pAssertedIdentity }
                return nil
            case 0x7561_2D79_786F_7270:
                // proxy-authorization
                if middle == 0x7461_7A69_726F_6874, tail == 0x6E6F_6974_617A_6972 { return .proxyAuthorization }
                return nil
            case 0x2D74_7365_7571_6572:
                // request-disposition
                if middle == 0x7469_736F_7073_6964, tail == 0x6E6F_6974_6973_6F70 { return .requestDisposition }
                return nil
            default: return nil
            }
        case 20:
            let middle = folded(word(buffer, start + 8, 8))
            let tail = folded(word(buffer, start + count - 8, 8))
            switch head {
            case 0x7265_6665_7270_2D70:
                // p-preferred-identity
                if middle == 0x6E65_6469_2D64_6572, tail == 0x7974_6974_6E65_6469 { return .pPreferredIdentity }
                return nil
            default: return nil
            }
        default: return nil
        }
    }

    /// The `count` (1 to 8) bytes at `offset` as a little-endian integer, first byte lowest,
    /// the bytes above `count` zero. The caller keeps `offset + count` within the buffer.
    @inline(__always)
    private static func word(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> UInt64 {
        if offset + 8 <= buffer.count, let base = buffer.baseAddress {
            // The eight bytes at offset..<offset + 8 are inside the buffer (checked just above).
            let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
            // `count` is 1 to 8: the shift is 8 to 56 bits when it applies.
            return count >= 8 ? word : word & ((1 &<< UInt64(count &* 8)) &- 1)
        }
        var word: UInt64 = 0
        // offset + index < offset + count, within the buffer (the caller's guard).
        for index in 0..<count { word |= UInt64(buffer[offset + index]) &<< UInt64(index &* 8) }
        return word
    }

    /// Each byte of `word` with ASCII letters folded to lower case (every other byte unchanged),
    /// eight at a time: bytes below 0x80 get 0x3F and 0x25 added without carrying into the next
    /// byte, so their high bits say ">= 'A'" and ">= '['"; the difference marks 'A' to 'Z', and
    /// that bit shifted to 0x20 lower-cases them.
    @inline(__always)
    private static func folded(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let ascii = word & (0x7F &* ones)
        let atLeastA = ascii &+ ((0x80 - 0x41) &* ones)
        let pastZ = ascii &+ ((0x80 - 0x5B) &* ones)
        let upper = atLeastA & ~pastZ & ~word & (0x80 &* ones)
        return word | (upper &>> 2)
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

    /// ASCII letters folded to lower case; every other byte unchanged.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
