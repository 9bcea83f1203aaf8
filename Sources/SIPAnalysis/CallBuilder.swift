import SIPCapture
import SIPMessage

/// The state kept for one Call-ID while the capture streams by: transactions, dialogs and what
/// the summary needs, and the messages only when asked (``MessageRetention``).
struct CallBuilder {
    let callID: String
    private(set) var firstTime: CaptureTime
    private(set) var lastTime: CaptureTime
    private(set) var messageCount = 0
    private(set) var messages: [CallMessage] = []
    private(set) var transactions: [SIPTransaction] = []
    /// Built only when a Call-ID holds many transactions (a long run of REGISTER refreshes);
    /// a few are found faster, and kept smaller, by comparing their own fields.
    private var transactionIndex: [TransactionKey: Int]?
    private(set) var dialogs: [SIPDialog] = []
    /// Built only past ``indexThreshold`` dialogs, as for transactions.
    private var dialogIndex: [DialogKey: Int]?
    static let indexThreshold = 16
    /// The first request's method, From and To (the call's identity), kept as text: a parsed
    /// address would keep the whole message alive, and a large capture has many calls.
    private(set) var firstRequest: (method: String, from: Party?, to: Party?)?
    /// The first message's From and To, for calls whose requests were not captured.
    private var firstAddresses: (from: Party?, to: Party?)
    private(set) var relatedCallIDs: Set<String> = []
    private(set) var userAgents: [String] = []
    private(set) var media = CallMedia()
    private var offerInRequest = false
    private(set) var registrationContact: String?
    private(set) var requestedExpires: UInt32?
    private(set) var grantedExpires: UInt32?
    /// Whether the registration's last 2xx removed every binding (RFC 3261 section 10.2.2).
    private(set) var lastRegistrationRemovedBindings = false
    /// Whether the last REGISTER asked to remove bindings (`Contact: *` or expiry 0).
    private var registrationRemovesBindings = false
    /// Whether the last 2xx listed bindings, as RFC 3261 section 10.3 step 8 requires.
    private(set) var registrationBindingsListed = true
    /// Digest details of the REGISTER flow (RFC 3261 section 22): realms challenged, usernames
    /// sent, and challenges to credentials already sent.
    private(set) var challengeRealms: [String] = []
    private(set) var digestUsernames: [String] = []
    private(set) var rejectedCredentials = 0
    private var lastRegisterHadCredentials = false

    /// A From or To: the URI as written and the display name.
    struct Party {
        let uri: String
        let displayName: String?

        init?(_ address: SIPNameAddress?) {
            guard let address else { return nil }
            uri = address.uri.raw
            displayName = address.displayName
        }
    }

    private struct DialogKey: Hashable {
        let callerTag: String
        let calleeTag: String
    }

    init(callID: String, facts: MessageFacts, time: CaptureTime) {
        self.callID = callID
        firstTime = time
        lastTime = time
        firstAddresses = (Party(facts.from), Party(facts.to))
    }

    var identity: (from: Party?, to: Party?) {
        firstRequest.map { ($0.from, $0.to) } ?? firstAddresses
    }

    // MARK: - Adding messages

    /// Places one message: finds or opens its transaction, notes retransmissions, follows the
    /// dialogs and picks up what the summary needs.
    mutating func add(
        _ facts: MessageFacts,
        message: SIPMessage,
        captured: CapturedMessage,
        index: Int,
        retention: MessageRetention
    ) {
        messageCount += 1
        firstTime = min(firstTime, captured.time)
        lastTime = max(lastTime, captured.time)
        relatedCallIDs.formUnion(facts.relatedCallIDs)
        noteUserAgent(facts)
        let placement: (transaction: Int?, isRetransmission: Bool)
        if let method = facts.method {
            if firstRequest == nil {
                // The first message's addresses were read by `init` already: parse them once.
                let parties = messageCount == 1 ? firstAddresses : (from: Party(facts.from), to: Party(facts.to))
                firstRequest = (method, parties.from, parties.to)
            }
            placement = addRequest(facts, method: method, captured: captured, index: index)
        } else {
            placement = addResponse(facts, captured: captured, index: index)
        }
        if facts.hasSDP, !placement.isRetransmission { noteMedia(message, facts: facts) }
        if facts.transactionMethod == "REGISTER", !placement.isRetransmission {
            noteRegistration(message, facts: facts)
        }
        if retention != .none {
            messages.append(
                CallMessage(
                    index: index,
                    time: captured.time,
                    source: captured.source,
                    destination: captured.destination,
                    transport: captured.transport,
                    recordNumbers: captured.recordNumbers,
                    startLine: facts.startLine,
                    cseq: facts.cseq,
                    toTag: facts.toTag,
                    hasSDP: facts.hasSDP,
                    transaction: placement.transaction,
                    isRetransmission: placement.isRetransmission,
                    payload: retention == .full ? captured.payload : [],
                    captureNotes: captured.notes
                )
            )
        }
    }

    /// Keeps up to 8 distinct User-Agent/Server values. Nearly every message repeats one already
    /// kept, byte for byte: that is found without making a String.
    private mutating func noteUserAgent(_ facts: MessageFacts) {
        guard userAgents.count < 8, let bytes = facts.userAgentBytes, !bytes.isEmpty else { return }
        let written = ByteKey(bytes)
        guard !userAgents.contains(where: written.equals), let agent = facts.userAgent, !agent.isEmpty,
            !userAgents.contains(agent)
        else { return }
        userAgents.append(agent)
    }

    private mutating func addRequest(
        _ facts: MessageFacts,
        method: String,
        captured: CapturedMessage,
        index: Int
    ) -> (Int?, Bool) {
        let key = TransactionKey(facts: facts, method: method == "ACK" ? "INVITE" : method)
        if method == "ACK", let invite = findTransaction(key), transactions[invite].finalResponse?.isSuccess == false {
            // The ACK of a non-2xx final response is part of the INVITE transaction
            // (RFC 3261 section 17.1.1.3); repeats answer retransmitted final responses.
            if transactions[invite].ackTime == nil {
                transactions[invite].ackTime = captured.time
                return (invite, false)
            }
            transactions[invite].ackRetransmissions += 1
            return (invite, true)
        }
        // The ACK of a 2xx is a transaction of its own (RFC 3261 section 17.1.1.3).
        let ownKey = method == "ACK" ? key.with(method: "ACK") : key
        if let existing = findTransaction(ownKey) {
            if transactions[existing].requestTime == nil {
                fillRequest(of: existing, facts, captured: captured, index: index)
                return (existing, false)
            }
            let isRepeat =
                transactions[existing].client == captured.source
                && transactions[existing].server == captured.destination
            if isRepeat { transactions[existing].requestRetransmissions += 1 }
            return (existing, isRepeat)
        }
        let position = openTransaction(
            ownKey,
            facts: facts,
            method: method,
            client: captured.source,
            server: captured.destination
        )
        fillRequest(of: position, facts, captured: captured, index: index)
        if method == "CANCEL", let invite = findTransaction(key.with(method: "INVITE")) {
            transactions[position].cancels = invite
            transactions[invite].cancelledBy = position
        }
        if let fromTag = facts.fromTag, let toTag = facts.toTag {
            noteRequestInsideDialog(fromTag: fromTag, toTag: toTag, time: captured.time)
        }
        return (position, false)
    }

    private mutating func fillRequest(of position: Int, _ facts: MessageFacts, captured: CapturedMessage, index: Int) {
        transactions[position].requestTime = captured.time
        transactions[position].requestIndex = index
        transactions[position].client = captured.source
        transactions[position].server = captured.destination
        transactions[position].transport = captured.transport
        transactions[position].isOutOfDialog = facts.toTag == nil
        transactions[position].fromTag = facts.fromTag
        transactions[position].requestHasSDP = facts.hasSDP
        transactions[position].requestReason = facts.reason
    }

    private mutating func openTransaction(
        _ key: TransactionKey,
        facts: MessageFacts,
        method: String,
        client: Endpoint,
        server: Endpoint
    ) -> Int {
        let transaction = SIPTransaction(
            method: method,
            cseq: facts.cseq?.number ?? 0,
            branch: facts.branch,
            sentBy: facts.sentBy,
            matching: key.usesMagicCookie ? .branch : .legacy,
            client: client,
            server: server,
            isOutOfDialog: facts.toTag == nil || facts.method == nil,
            fromTag: facts.fromTag
        )
        // An INVITE call usually has three transactions (INVITE, ACK, BYE): room for them at
        // once, rather than growing one, two, four (a large capture keeps every call).
        if transactions.isEmpty, method == "INVITE" { transactions.reserveCapacity(3) }
        transactions.append(transaction)
        let position = transactions.count - 1
        if transactionIndex != nil {
            transactionIndex?[key.owned] = position
        } else if transactions.count > Self.indexThreshold {
            var index: [TransactionKey: Int] = [:]
            for (offset, transaction) in transactions.enumerated() { index[TransactionKey(transaction)] = offset }
            transactionIndex = index
        }
        return position
    }

    private mutating func addResponse(_ facts: MessageFacts, captured: CapturedMessage, index: Int) -> (Int?, Bool) {
        guard let method = facts.cseq?.method, let status = facts.statusCode else { return (nil, false) }
        let key = TransactionKey(facts: facts, method: method)
        let position: Int
        if let existing = findTransaction(key) {
            position = existing
        } else {
            // Only the response was captured: the transaction is known from its other end.
            position = openTransaction(
                key,
                facts: facts,
                method: method,
                client: captured.destination,
                server: captured.source
            )
            transactions[position].isOutOfDialog = !dialogs.contains { $0.state == .confirmed }
        }
        let toTag = facts.toTag
        if let seen = transactions[position].responses.firstIndex(where: {
            $0.statusCode == status && $0.toTag == toTag
        }),
            transactions[position].server == captured.source, transactions[position].client == captured.destination
        {
            transactions[position].responses[seen].retransmissions += 1
            return (position, true)
        }
        if case .response(_, let phrase) = facts.startLine {
            // Likewise an INVITE usually sees three responses (100, 18x, final).
            if transactions[position].responses.isEmpty, method == "INVITE" {
                transactions[position].responses.reserveCapacity(3)
            }
            transactions[position].responses.append(
                SIPTransactionResponse(
                    statusCode: status,
                    reasonPhrase: phrase,
                    toTag: toTag,
                    time: captured.time,
                    hasSDP: facts.hasSDP,
                    reason: facts.reason,
                    messageIndex: index
                )
            )
        }
        followDialog(transaction: position, status: status, toTag: toTag, time: captured.time)
        return (position, false)
    }

    private func findTransaction(_ key: TransactionKey) -> Int? {
        if let transactionIndex { return transactionIndex[key] }
        return transactions.lastIndex { key.matches($0) }
    }

    private func findDialog(_ key: DialogKey) -> Int? {
        if let dialogIndex { return dialogIndex[key] }
        return dialogs.lastIndex { $0.callerTag == key.callerTag && $0.calleeTag == key.calleeTag }
    }

    // MARK: - Dialogs (RFC 3261 section 12)

    private mutating func followDialog(transaction position: Int, status: Int, toTag: String?, time: CaptureTime) {
        // The three fields read in place: a transaction is a large value, copied it costs more
        // than the rest of this.
        let transaction = (
            method: transactions[position].method,
            isOutOfDialog: transactions[position].isOutOfDialog,
            fromTag: transactions[position].fromTag
        )
        let createsDialog =
            transaction.method == "INVITE" || transaction.method == "SUBSCRIBE" || transaction.method == "REFER"
            || transaction.method == "NOTIFY"
        if createsDialog, transaction.isOutOfDialog, let callerTag = transaction.fromTag, let toTag,
            status > 100, status < 300
        {
            let key = DialogKey(callerTag: callerTag, calleeTag: toTag)
            let dialog = findDialog(key) ?? openDialog(key, state: .early, time: time, startedBeforeCapture: false)
            if status >= 200, dialogs[dialog].state == .early {
                dialogs[dialog].state = .confirmed
                dialogs[dialog].confirmed = time
            }
        } else if transaction.method == "INVITE", transaction.isOutOfDialog, status >= 300 {
            // A failure ends every early dialog of the INVITE (RFC 3261 section 13.2.2.3).
            for dialog in dialogs.indices where dialogs[dialog].state == .early {
                if dialogs[dialog].callerTag == transaction.fromTag {
                    dialogs[dialog].state = .terminated
                    dialogs[dialog].terminated = time
                }
            }
        } else if transaction.method == "BYE", (200..<300).contains(status), let callerTag = transaction.fromTag,
            let toTag
        {
            // A BYE may come from either side: its From tag is the sender's.
            for key in [
                DialogKey(callerTag: callerTag, calleeTag: toTag), DialogKey(callerTag: toTag, calleeTag: callerTag),
            ] {
                if let dialog = findDialog(key), dialogs[dialog].state != .terminated {
                    dialogs[dialog].state = .terminated
                    dialogs[dialog].terminated = time
                }
            }
        }
    }

    /// A request with both tags and no dialog on record: the capture started after the setup.
    private mutating func noteRequestInsideDialog(fromTag: String, toTag: String, time: CaptureTime) {
        let forward = DialogKey(callerTag: fromTag, calleeTag: toTag)
        let backward = DialogKey(callerTag: toTag, calleeTag: fromTag)
        guard findDialog(forward) == nil, findDialog(backward) == nil else { return }
        _ = openDialog(forward, state: .confirmed, time: time, startedBeforeCapture: true)
    }

    private mutating func openDialog(
        _ key: DialogKey,
        state: SIPDialog.State,
        time: CaptureTime,
        startedBeforeCapture: Bool
    ) -> Int {
        var dialog = SIPDialog(
            callerTag: key.callerTag,
            calleeTag: key.calleeTag,
            state: state,
            created: time,
            startedBeforeCapture: startedBeforeCapture
        )
        if state == .confirmed { dialog.confirmed = time }
        dialogs.append(dialog)
        let position = dialogs.count - 1
        if dialogIndex != nil {
            dialogIndex?[key] = position
        } else if dialogs.count > Self.indexThreshold {
            var index: [DialogKey: Int] = [:]
            for (offset, dialog) in dialogs.enumerated() {
                index[DialogKey(callerTag: dialog.callerTag, calleeTag: dialog.calleeTag)] = offset
            }
            dialogIndex = index
        }
        return position
    }

    // MARK: - Media and registration details

    /// The first offer and its answer (RFC 3264): the answer is the first SDP that travels the
    /// other way (a response to an offer in a request, or ACK/PRACK to an offer in a response).
    private mutating func noteMedia(_ message: SIPMessage, facts: MessageFacts) {
        guard media.offer == nil || media.answer == nil, let description = facts.media.description else { return }
        if media.offer == nil {
            media.offer = description
            offerInRequest = message.isRequest
        } else if message.isRequest != offerInRequest {
            media.answer = description
        }
    }

    private mutating func noteRegistration(_ message: SIPMessage, facts: MessageFacts) {
        let contacts = (try? message.contacts()) ?? []
        let expires = ((try? message.expires()) ?? nil)?.seconds
        if message.isRequest {
            let first = contacts.first
            registrationContact = first.map { $0.isWildcard ? "*" : $0.addresses.first?.uri.raw ?? "" }
            let asked = first?.addresses.first?.expires ?? expires
            requestedExpires = asked ?? requestedExpires
            registrationRemovesBindings = first?.isWildcard == true || (first != nil && asked == 0)
            let credentials = ((try? message.credentials()) ?? []) + ((try? message.credentials(proxy: true)) ?? [])
            lastRegisterHadCredentials = !credentials.isEmpty
            for username in credentials.compactMap(\.username) where !digestUsernames.contains(username) {
                digestUsernames.append(username)
            }
        } else if let status = facts.statusCode, status == 401 || status == 407 {
            let challenges = (try? message.challenges(proxy: status == 407)) ?? []
            for realm in challenges.compactMap(\.realm) where !challengeRealms.contains(realm) {
                challengeRealms.append(realm)
            }
            if lastRegisterHadCredentials, !challenges.contains(where: \.isStale) { rejectedCredentials += 1 }
        } else if let status = facts.statusCode, (200..<300).contains(status) {
            // RFC 3261 section 10.3 step 8: the 2xx lists every current binding with its expiry.
            let bindings = contacts.flatMap(\.addresses)
            let ours = bindings.first { $0.uri.raw == registrationContact } ?? bindings.first
            grantedExpires = ours?.expires ?? expires
            registrationBindingsListed = !bindings.isEmpty
            lastRegistrationRemovedBindings =
                registrationRemovesBindings || (bindings.isEmpty ? registrationContact == nil : grantedExpires == 0)
        }
    }

    // MARK: - Events

    /// An ICMP error that quoted a request of this call.
    mutating func add(_ icmp: ICMPUnreachable) {
        guard
            let position = transactions.lastIndex(where: {
                $0.client == icmp.quotedSource && $0.server == icmp.quotedDestination && $0.requestTime != nil
            })
        else { return }
        transactions[position].icmpErrors.append(icmp)
    }
}
