import SIPMessage

/// What identifies a transaction within one Call-ID (RFC 3261 section 17.2.3 for requests,
/// 17.1.3 for responses: the top Via is the same in both).
struct TransactionKey: Hashable {
    /// The branch when it carries the magic cookie, else empty (RFC 2543 matching).
    let branch: String
    let sentBy: String
    /// The request method, with ACK folded into INVITE: the ACK of a non-2xx final response
    /// belongs to the INVITE transaction (RFC 3261 section 17.1.1.3).
    let method: String
    /// CSeq number and From tag, used only without the magic cookie.
    let cseq: UInt32
    let fromTag: String

    init(facts: MessageFacts, method: String) {
        if let branch = facts.branch, branch.hasPrefix("z9hG4bK") {
            self.branch = branch
            cseq = 0
            fromTag = ""
        } else {
            branch = facts.branch ?? ""
            cseq = facts.cseq?.number ?? 0
            fromTag = facts.fromTag ?? ""
        }
        sentBy = facts.sentBy
        self.method = method
    }

    private init(branch: String, sentBy: String, method: String, cseq: UInt32, fromTag: String) {
        self.branch = branch
        self.sentBy = sentBy
        self.method = method
        self.cseq = cseq
        self.fromTag = fromTag
    }

    /// The same key for another method: an ACK or CANCEL looking for its INVITE.
    func with(method: String) -> TransactionKey {
        TransactionKey(branch: branch, sentBy: sentBy, method: method, cseq: cseq, fromTag: fromTag)
    }

    var usesMagicCookie: Bool { branch.hasPrefix("z9hG4bK") }

    /// The key a transaction was opened under, rebuilt from its fields.
    init(_ transaction: SIPTransaction) {
        self.init(
            branch: transaction.branch ?? "",
            sentBy: transaction.sentBy,
            method: transaction.method,
            cseq: transaction.matching == .branch ? 0 : transaction.cseq,
            fromTag: transaction.matching == .branch ? "" : transaction.fromTag ?? ""
        )
    }

    /// Whether `transaction` was opened under this key; compares the transaction's own fields,
    /// so small calls need no index at all.
    func matches(_ transaction: SIPTransaction) -> Bool {
        guard transaction.method == method, transaction.sentBy == sentBy, (transaction.branch ?? "") == branch else {
            return false
        }
        return usesMagicCookie || (transaction.cseq == cseq && (transaction.fromTag ?? "") == fromTag)
    }
}
