import SIPMessage

/// What identifies a transaction within one Call-ID (RFC 3261 section 17.2.3 for requests,
/// 17.1.3 for responses: the top Via is the same in both).
///
/// Branch and sent-by are the message's bytes: every message is matched to its transaction,
/// and only the one that opens it needs them as Strings.
struct TransactionKey: Hashable {
    /// The top Via's branch (empty when it has none).
    let branch: ByteKey
    let sentBy: ByteKey
    /// The request method, with ACK folded into INVITE: the ACK of a non-2xx final response
    /// belongs to the INVITE transaction (RFC 3261 section 17.1.1.3).
    let method: String
    /// CSeq number and From tag, used only without the magic cookie.
    let cseq: UInt32
    let fromTag: String

    init(facts: MessageFacts, method: String) {
        let branch = facts.branchKey ?? ByteKey([])
        self.branch = branch
        if branch.hasPrefix("z9hG4bK") {
            cseq = 0
            fromTag = ""
        } else {
            cseq = facts.cseq?.number ?? 0
            fromTag = facts.fromTag ?? ""
        }
        sentBy = facts.sentByKey
        self.method = method
    }

    private init(branch: ByteKey, sentBy: ByteKey, method: String, cseq: UInt32, fromTag: String) {
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

    /// The key to keep in an index: with its own bytes, not the message's.
    var owned: TransactionKey {
        TransactionKey(branch: branch.owned, sentBy: sentBy.owned, method: method, cseq: cseq, fromTag: fromTag)
    }

    /// Whether the branch carries the RFC 3261 magic cookie (section 8.1.1.7): then it alone
    /// (with sent-by and method) identifies the transaction.
    var usesMagicCookie: Bool { branch.hasPrefix("z9hG4bK") }

    /// The key a transaction was opened under, rebuilt from its fields.
    init(_ transaction: SIPTransaction) {
        self.init(
            branch: ByteKey(transaction.branch ?? ""),
            sentBy: ByteKey(transaction.sentBy),
            method: transaction.method,
            cseq: transaction.matching == .branch ? 0 : transaction.cseq,
            fromTag: transaction.matching == .branch ? "" : transaction.fromTag ?? ""
        )
    }

    /// Whether `transaction` was opened under this key; compares the transaction's own fields,
    /// so small calls need no index at all.
    func matches(_ transaction: SIPTransaction) -> Bool {
        // The branch first: it differs between nearly all transactions of a call.
        guard branch.equals(transaction.branch ?? ""), transaction.method == method,
            sentBy.equals(transaction.sentBy)
        else { return false }
        return usesMagicCookie || (transaction.cseq == cseq && (transaction.fromTag ?? "") == fromTag)
    }
}
