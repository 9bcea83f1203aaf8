/// One Reason value of RFC 3326 section 2:
/// `reason-value = protocol *( SEMI reason-params )`, with `cause` and `text` parameters.
public struct SIPReason: Hashable, Sendable, CustomStringConvertible {
    /// The protocol as written: `SIP`, `Q.850`, or another token (RFC 3326 section 2).
    public var protocolName: String
    /// The `cause` parameter: a SIP status code or a Q.850 cause value.
    public var cause: Int?
    /// The `text` parameter, unquoted.
    public var text: String?
    /// All parameters in order.
    public var parameters: SIPParameters
    /// The value as written, trimmed.
    public var raw: String

    public init(protocolName: String, cause: Int? = nil, text: String? = nil, parameters: SIPParameters, raw: String) {
        self.protocolName = protocolName
        self.cause = cause
        self.text = text
        self.parameters = parameters
        self.raw = raw
    }

    /// Whether the protocol is `SIP` (the cause is a SIP status code).
    public var isSIP: Bool { protocolName.uppercased() == "SIP" }

    /// Whether the protocol is `Q.850` (the cause is an ISDN cause value, ITU-T Q.850).
    public var isQ850: Bool { protocolName.uppercased() == "Q.850" }

    /// The ITU-T Q.850 name of ``cause`` when the protocol is Q.850 and the value is a common one.
    public var q850Description: String? {
        guard isQ850, let cause else { return nil }
        return Self.q850Description(cause: cause)
    }

    /// `Q.850;cause=16;text="..."`, normalised.
    public var description: String {
        var result = protocolName
        for parameter in parameters {
            result += ";" + SIPText.parameterText(parameter)
        }
        return result
    }

    /// The ITU-T Q.850 (05/98) table 1 name of common cause values, `nil` for others.
    public static func q850Description(cause: Int) -> String? {
        switch cause {
        case 1: "Unallocated (unassigned) number"
        case 2: "No route to specified transit network"
        case 3: "No route to destination"
        case 16: "Normal call clearing"
        case 17: "User busy"
        case 18: "No user responding"
        case 19: "No answer from user (user alerted)"
        case 20: "Subscriber absent"
        case 21: "Call rejected"
        case 22: "Number changed"
        case 27: "Destination out of order"
        case 28: "Invalid number format (address incomplete)"
        case 29: "Facility rejected"
        case 31: "Normal, unspecified"
        case 34: "No circuit/channel available"
        case 38: "Network out of order"
        case 41: "Temporary failure"
        case 42: "Switching equipment congestion"
        case 44: "Requested circuit/channel not available"
        case 47: "Resource unavailable, unspecified"
        case 55: "Incoming calls barred within CUG"
        case 57: "Bearer capability not authorized"
        case 58: "Bearer capability not presently available"
        case 63: "Service or option not available, unspecified"
        case 65: "Bearer capability not implemented"
        case 79: "Service or option not implemented, unspecified"
        case 88: "Incompatible destination"
        case 102: "Recovery on timer expiry"
        case 111: "Protocol error, unspecified"
        case 127: "Interworking, unspecified"
        default: nil
        }
    }

    /// Parses one Reason value.
    ///
    /// Throws ``SIPParseError/Code/invalidHeaderValue`` when the protocol token is missing, `cause`
    /// is not a number (`cause = 1*DIGIT`, at most 9 digits here), or on a malformed parameter.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPReason {
        let value = SIPScanner.trimmed(bytes)
        var scanner = SIPScanner(value)
        guard let name = scanner.token() else {
            throw SIPParseError(
                .invalidHeaderValue,
                "Reason must start with a protocol ('SIP', 'Q.850', RFC 3326 section 2)",
                offset: scanner.index
            )
        }
        let parameters = try scanner.parameters(limits: limits)
        scanner.skipWhitespace()
        if let byte = scanner.peek() {
            throw SIPParseError(
                .invalidHeaderValue,
                "unexpected \(SIPText.describe(byte)) in Reason (expected ';' and a parameter)",
                offset: scanner.index
            )
        }
        var cause: Int?
        if let parameter = parameters.parameter("cause") {
            let digits = Array((parameter.value ?? "").utf8)[...]
            guard digits.count <= 9, let number = SIPText.decimal(digits, maximum: 999_999_999) else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "Reason cause \(SIPText.excerpt(digits)) is not a number (RFC 3326 section 2)",
                    offset: name.startIndex
                )
            }
            cause = Int(number)
        }
        return SIPReason(
            protocolName: SIPText.string(name),
            cause: cause,
            text: parameters["text"] ?? nil,
            parameters: parameters,
            raw: SIPText.string(value)
        )
    }

    /// Parses a Reason header with comma-separated values (RFC 3326 section 2).
    public static func parseList(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> [SIPReason] {
        var reasons: [SIPReason] = []
        var notes: [SIPParseNote] = []
        try SIPScanner.appendList(
            bytes,
            to: &reasons,
            limits: limits,
            emptyReason: "empty Reason header",
            notes: &notes
        ) {
            element,
            _ throws(SIPParseError) in try parse(element, limits: limits)
        }
        return reasons
    }
}
