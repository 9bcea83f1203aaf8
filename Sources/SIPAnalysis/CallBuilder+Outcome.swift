import SIPCapture
import SIPMessage

extension CallBuilder {
    /// How long an unanswered request waits before its sender gives up: Timer B = 64*T1 with
    /// T1 = 500 ms (RFC 3261 section 17.1.1.2), less half a T1 so that a capture ending with
    /// the last retransmission (sent at 31.5 s) still counts.
    static let timeoutEvidenceMs = 31_500.0

    /// The finished summary: kind, state, who ended it, metrics and notes.
    func build(captureEnd: CaptureTime) -> SIPCall {
        let (from, to) = identity
        let method = firstRequest?.method ?? transactions.first?.method ?? "?"
        let kind: CallKind =
            transactions.contains { $0.method == "INVITE" && $0.isOutOfDialog }
            ? .call : transactions.contains { $0.method == "REGISTER" } ? .registration : .other
        var call = SIPCall(
            callID: callID,
            kind: kind,
            method: kind == .call ? "INVITE" : kind == .registration ? "REGISTER" : method,
            state: .inProgress,
            startTime: firstTime,
            endTime: lastTime
        )
        call.from = from?.uri
        call.fromDisplayName = from?.displayName
        call.to = to?.uri
        call.toDisplayName = to?.displayName
        call.messageCount = messageCount
        call.retransmissions = transactions.reduce(0) { $0 + $1.retransmissions }
        call.transactions = transactions
        call.dialogs = dialogs
        call.messages = messages
        call.relatedCallIDs = relatedCallIDs.sorted()
        call.userAgents = userAgents
        call.media = media
        switch kind {
        case .call: classifyCall(&call, captureEnd: captureEnd)
        case .registration: classifyRegistration(&call, captureEnd: captureEnd)
        case .other: classifyOther(&call, captureEnd: captureEnd)
        }
        if dialogs.contains(where: \.startedBeforeCapture) {
            call.notes.append("the capture starts inside an established dialog: its setup is not in the capture")
        }
        if transactions.contains(where: { $0.requestTime == nil }) {
            call.notes.append("some responses have no request in the capture")
        }
        return call
    }

    // MARK: - INVITE calls

    /// The initial INVITE transactions (no To tag) grouped by CSeq: one attempt per CSeq, the
    /// same INVITE seen on several hops being one attempt; a new CSeq follows a challenge
    /// (RFC 3261 section 22.2) or a redirect.
    private var inviteAttempts: [[SIPTransaction]] {
        var attempts: [[SIPTransaction]] = []
        for transaction in transactions where transaction.method == "INVITE" && transaction.isOutOfDialog {
            // A call has one attempt, or a few after challenges: a search beats an index.
            if let position = attempts.firstIndex(where: { $0.first?.cseq == transaction.cseq }) {
                attempts[position].append(transaction)
            } else {
                attempts.append([transaction])
            }
        }
        return attempts
    }

    private func classifyCall(_ call: inout SIPCall, captureEnd: CaptureTime) {
        let attempts = inviteAttempts
        // Lazily: each figure is one pass, with no array made for it (this runs once per call).
        let initial = attempts.joined().lazy
        let firstInvite = initial.compactMap(\.requestTime).min()
        let answer = initial.compactMap(\.successResponse).min { $0.time < $1.time }
        let ringing = initial.compactMap(\.firstRingingResponse).min { $0.time < $1.time }
        let firstEighteen = initial.compactMap { transaction in
            transaction.responses.first { (180..<190).contains($0.statusCode) }
        }.min { $0.time < $1.time }
        var metrics = CallMetrics()
        if let firstInvite {
            let firstTx = initial.first { $0.requestTime == firstInvite }
            if let trying = firstTx?.responses.first(where: { $0.statusCode == 100 }) {
                metrics.tryingMs = firstInvite.milliseconds(to: trying.time)
            }
            if let setup = ringing ?? answer { metrics.pddMs = firstInvite.milliseconds(to: setup.time) }
            if let answer { metrics.answerMs = firstInvite.milliseconds(to: answer.time) }
        }
        if let firstEighteen, let answer { metrics.ringMs = firstEighteen.time.milliseconds(to: answer.time) }
        if let answer {
            call.state = .answered
            call.record(answer)
            call.reason = nil
            describeHangUp(&call, metrics: &metrics, answer: answer)
        } else if let attempt = attempts.last {
            classifyUnanswered(&call, attempt: attempt, ringing: ringing != nil, captureEnd: captureEnd)
            if let firstInvite, let final = attempt.compactMap(\.finalResponse).first {
                metrics.failedSetupMs = firstInvite.milliseconds(to: final.time)
            }
        } else {
            call.notes.append("no initial INVITE in the capture")
        }
        let challenges = attempts.dropLast().filter { attempt in
            attempt.contains { [401, 407].contains($0.finalResponse?.statusCode ?? 0) }
        }
        if !challenges.isEmpty {
            call.notes.append("authenticated after \(challenges.count) challenge(s) (401/407 then a new INVITE)")
        }
        if initial.count > attempts.count {
            call.notes.append("the INVITE was captured on \(initial.count / max(attempts.count, 1)) hops")
        }
        call.metrics = metrics
    }

    /// Who hung up and how long the call lasted (RFC 3261 section 15.1.1: either side may BYE).
    private func describeHangUp(_ call: inout SIPCall, metrics: inout CallMetrics, answer: SIPTransactionResponse) {
        let callerTag = transactions.first { $0.method == "INVITE" && $0.isOutOfDialog }?.fromTag
        guard let bye = transactions.first(where: { $0.method == "BYE" && $0.requestTime != nil }),
            let byeTime = bye.requestTime
        else {
            call.notes.append("answered, and no BYE in the capture: the call was still up when it ended")
            return
        }
        call.endedBy = bye.fromTag == callerTag ? .caller : .callee
        call.reason = bye.requestReason
        metrics.durationMs = answer.time.milliseconds(to: byeTime)
        if let ok = bye.successResponse { metrics.sddMs = byeTime.milliseconds(to: ok.time) }
    }

    private func classifyUnanswered(
        _ call: inout SIPCall,
        attempt: [SIPTransaction],
        ringing: Bool,
        captureEnd: CaptureTime
    ) {
        let cancel = attempt.compactMap(\.cancelledBy).first.map { transactions[$0] }
        guard let final = attempt.compactMap(\.finalResponse).first else {
            if let cancel {
                call.state = .cancelled
                call.endedBy = .caller
                call.reason = cancel.requestReason
                call.notes.append("CANCEL sent; the 487 that should follow is not in the capture")
            } else {
                classifyUnresponded(&call, transactions: attempt, captureEnd: captureEnd)
            }
            return
        }
        call.record(final)
        call.endedBy = .callee
        switch final.statusCode {
        case 486, 600: call.state = .busy
        case 487:
            call.state = .cancelled
            call.endedBy = .caller
            if let reason = cancel?.requestReason { call.reason = reason }
        case 408 where ringing, 480 where ringing: call.state = .noAnswer
        case 300..<400: call.state = .redirected
        case 500..<600: call.state = .failed
        default: call.state = .rejected
        }
        if final.statusCode == 401 || final.statusCode == 407 {
            call.notes.append("challenged (\(final.statusCode)) and not retried with credentials")
        }
    }

    /// No response at all, or only provisional ones: timed out when the capture shows it, else
    /// still in progress when the capture ended.
    private func classifyUnresponded(
        _ call: inout SIPCall,
        transactions attempt: [SIPTransaction],
        captureEnd: CaptureTime
    ) {
        let sent = attempt.compactMap(\.requestTime).min()
        let icmp = attempt.flatMap(\.icmpErrors)
        let heard = attempt.contains { !$0.responses.isEmpty }
        if let error = icmp.first {
            call.state = .timeout
            call.notes.append("ICMP \(error.reason) for \(error.quotedDestination)")
        } else if !heard, let sent, sent.milliseconds(to: captureEnd) >= Self.timeoutEvidenceMs {
            call.state = .timeout
            let retransmissions = attempt.reduce(0) { $0 + $1.requestRetransmissions }
            call.notes.append(
                "no response to \(call.method == "INVITE" ? "the INVITE" : call.method) "
                    + "(\(retransmissions) retransmission(s)) for the 32 s of Timer B (RFC 3261 section 17.1.1.2)"
            )
        } else {
            call.state = .inProgress
            call.notes.append(
                heard ? "no final response before the capture ended" : "no response before the capture ended"
            )
        }
    }

    // MARK: - Registrations

    private func classifyRegistration(_ call: inout SIPCall, captureEnd: CaptureTime) {
        let registers = transactions.filter { $0.method == "REGISTER" }
        let challenges = registers.filter { [401, 407].contains($0.finalResponse?.statusCode ?? 0) }.count
        call.registration = SIPRegistration(
            addressOfRecord: identity.to?.uri ?? "",
            contact: registrationContact,
            requestedExpires: requestedExpires,
            grantedExpires: grantedExpires,
            challenges: challenges,
            attempts: registers.count,
            challengeRealms: challengeRealms,
            digestUsernames: digestUsernames,
            rejectedCredentials: rejectedCredentials
        )
        if let first = registers.compactMap(\.requestTime).min(),
            let ok = registers.compactMap(\.successResponse).min(by: { $0.time < $1.time })
        {
            call.metrics.rrdMs = first.milliseconds(to: ok.time)
        }
        guard let last = registers.last else { return }
        guard let final = last.finalResponse else {
            classifyUnresponded(&call, transactions: [last], captureEnd: captureEnd)
            return
        }
        call.record(final)
        if final.isSuccess {
            call.state = lastRegistrationRemovedBindings ? .unregistered : .registered
            if !registrationBindingsListed, registrationContact != nil {
                call.notes.append(
                    "the 2xx to REGISTER lists no Contact bindings (RFC 3261 section 10.3 step 8 says it must)"
                )
            }
        } else {
            call.state = .registrationFailed
            if final.statusCode == 401 || final.statusCode == 407 {
                call.notes.append("challenged (\(final.statusCode)) and not retried with credentials")
            }
        }
    }

    // MARK: - Other exchanges

    private func classifyOther(_ call: inout SIPCall, captureEnd: CaptureTime) {
        guard let last = transactions.last(where: { $0.requestTime != nil }) ?? transactions.last else { return }
        guard let final = last.finalResponse else {
            classifyUnresponded(&call, transactions: [last], captureEnd: captureEnd)
            return
        }
        call.record(final)
        switch final.statusCode {
        case 200..<300: call.state = .answered
        case 300..<400: call.state = .redirected
        case 500..<600: call.state = .failed
        default: call.state = .rejected
        }
    }
}

extension SIPCall {
    /// Takes the final response that decided the state: its code, phrase and Reason header.
    fileprivate mutating func record(_ response: SIPTransactionResponse) {
        finalStatus = response.statusCode
        finalReasonPhrase = response.reasonPhrase
        reason = response.reason
    }
}
