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
    /// The realms of the registrar's challenges, in order of appearance (RFC 3261 section 22.1).
    public var challengeRealms: [String]
    /// The digest usernames the client sent, in order of appearance (RFC 3261 section 22.4).
    public var digestUsernames: [String]
    /// Challenges that answered a REGISTER already carrying credentials, without `stale=true`:
    /// the registrar refused those credentials (RFC 3261 section 22.2).
    public var rejectedCredentials: Int

    public init(
        addressOfRecord: String,
        contact: String?,
        requestedExpires: UInt32?,
        grantedExpires: UInt32?,
        challenges: Int,
        attempts: Int,
        challengeRealms: [String] = [],
        digestUsernames: [String] = [],
        rejectedCredentials: Int = 0
    ) {
        self.addressOfRecord = addressOfRecord
        self.contact = contact
        self.requestedExpires = requestedExpires
        self.grantedExpires = grantedExpires
        self.challenges = challenges
        self.attempts = attempts
        self.challengeRealms = challengeRealms
        self.digestUsernames = digestUsernames
        self.rejectedCredentials = rejectedCredentials
    }
}
