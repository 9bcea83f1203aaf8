/// What the REGISTER transactions of one Call-ID amount to (RFC 3261 section 10).
public struct SIPRegistration: Hashable, Sendable {
    /// The address of record: the To URI of the REGISTER (RFC 3261 section 10.2).
    public var addressOfRecord: String
    /// The Contact the client asked to bind, as written; `*` for a remove-all.
    public var contact: String?
    /// Expiry the client asked for (Expires header or the contact's `expires`), seconds.
    public var requestedExpires: UInt32?
    /// Expiry the registrar granted in its 2xx (the contact's `expires` parameter, else the
    /// Expires header, RFC 3261 section 10.3 step 8), seconds.
    public var grantedExpires: UInt32?
    /// How many 401/407 challenges were answered on the way (RFC 3261 section 22).
    public var challenges: Int
    /// How many REGISTER transactions the Call-ID holds (refreshes included).
    public var attempts: Int

    public init(
        addressOfRecord: String,
        contact: String?,
        requestedExpires: UInt32?,
        grantedExpires: UInt32?,
        challenges: Int,
        attempts: Int
    ) {
        self.addressOfRecord = addressOfRecord
        self.contact = contact
        self.requestedExpires = requestedExpires
        self.grantedExpires = grantedExpires
        self.challenges = challenges
        self.attempts = attempts
    }
}
