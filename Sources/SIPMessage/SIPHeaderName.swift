/// A SIP header field name: compared case-insensitively, compact forms mapped to their full
/// names (RFC 3261 section 7.3.1 and 7.3.3), original spelling kept by the field itself.
///
/// An open set like swift-http-types' `HTTPField.Name`: well-known names are static members,
/// any other token is a valid name.
public struct SIPHeaderName: Hashable, Sendable, CustomStringConvertible {
    let known: KnownHeader?
    /// The spelling of a name that is not known, boxed: every typed accessor takes a name, and
    /// a known one then copies no String.
    private let other: OtherName?

    /// A header name that is not a ``KnownHeader``: as given, and lower-cased for comparisons.
    private final class OtherName: Sendable {
        let name: String
        let folded: String

        init(_ name: String) {
            self.name = name
            self.folded = name.lowercased()
        }
    }

    /// The full name in its conventional spelling, e.g. `Call-ID` for `i` or `call-id`.
    public var canonicalName: String { known?.canonicalName ?? other?.name ?? "" }

    /// A header name; compact forms (`i`, `v`, ...) become their full names.
    public init(_ name: String) {
        let bytes = Array(name.utf8)
        let known = bytes.withUnsafeBufferPointer { KnownHeader.identify($0) }
        self.known = known
        self.other = known == nil ? OtherName(name) : nil
    }

    init(known: KnownHeader) {
        self.known = known
        self.other = nil
    }

    public var description: String { canonicalName }

    public static func == (lhs: SIPHeaderName, rhs: SIPHeaderName) -> Bool {
        lhs.known == rhs.known && (lhs.other?.folded ?? "") == (rhs.other?.folded ?? "")
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(known)
        hasher.combine(other?.folded ?? "")
    }

    /// The compact form (RFC 3261 section 7.3.3 and later RFCs), if the name has one.
    public var compactForm: Character? { known?.compactForm }

    public static let accept = SIPHeaderName(known: .accept)
    public static let allow = SIPHeaderName(known: .allow)
    public static let allowEvents = SIPHeaderName(known: .allowEvents)
    public static let authorization = SIPHeaderName(known: .authorization)
    public static let callID = SIPHeaderName(known: .callID)
    public static let contact = SIPHeaderName(known: .contact)
    public static let contentEncoding = SIPHeaderName(known: .contentEncoding)
    public static let contentLength = SIPHeaderName(known: .contentLength)
    public static let contentType = SIPHeaderName(known: .contentType)
    public static let cseq = SIPHeaderName(known: .cseq)
    public static let date = SIPHeaderName(known: .date)
    public static let diversion = SIPHeaderName(known: .diversion)
    public static let event = SIPHeaderName(known: .event)
    public static let expires = SIPHeaderName(known: .expires)
    public static let from = SIPHeaderName(known: .from)
    public static let historyInfo = SIPHeaderName(known: .historyInfo)
    public static let maxForwards = SIPHeaderName(known: .maxForwards)
    public static let minExpires = SIPHeaderName(known: .minExpires)
    public static let minSE = SIPHeaderName(known: .minSE)
    public static let pAssertedIdentity = SIPHeaderName(known: .pAssertedIdentity)
    public static let pPreferredIdentity = SIPHeaderName(known: .pPreferredIdentity)
    public static let proxyAuthenticate = SIPHeaderName(known: .proxyAuthenticate)
    public static let proxyAuthorization = SIPHeaderName(known: .proxyAuthorization)
    public static let proxyRequire = SIPHeaderName(known: .proxyRequire)
    public static let rack = SIPHeaderName(known: .rack)
    public static let reason = SIPHeaderName(known: .reason)
    public static let recordRoute = SIPHeaderName(known: .recordRoute)
    public static let referTo = SIPHeaderName(known: .referTo)
    public static let referredBy = SIPHeaderName(known: .referredBy)
    public static let remotePartyID = SIPHeaderName(known: .remotePartyID)
    public static let replaces = SIPHeaderName(known: .replaces)
    public static let require = SIPHeaderName(known: .require)
    public static let retryAfter = SIPHeaderName(known: .retryAfter)
    public static let route = SIPHeaderName(known: .route)
    public static let rseq = SIPHeaderName(known: .rseq)
    public static let server = SIPHeaderName(known: .server)
    public static let sessionExpires = SIPHeaderName(known: .sessionExpires)
    public static let subject = SIPHeaderName(known: .subject)
    public static let subscriptionState = SIPHeaderName(known: .subscriptionState)
    public static let supported = SIPHeaderName(known: .supported)
    public static let to = SIPHeaderName(known: .to)
    public static let unsupported = SIPHeaderName(known: .unsupported)
    public static let userAgent = SIPHeaderName(known: .userAgent)
    public static let via = SIPHeaderName(known: .via)
    public static let warning = SIPHeaderName(known: .warning)
    public static let wwwAuthenticate = SIPHeaderName(known: .wwwAuthenticate)
    public static let xCallID = SIPHeaderName(known: .xCallID)
    public static let xCID = SIPHeaderName(known: .xCID)
}
