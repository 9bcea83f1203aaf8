import SIPAnalysis

/// Calls to the account's registered user that failed with 404 or 480 in a capture that holds
/// no successful registration of it: the binding was missing when the calls came (RFC 3261
/// section 10: without a binding the registrar's proxy has nowhere to send them).
enum MissingRegistrationCheck {
    static func check(_ calls: [SIPCall], context: AccountContext) -> [Finding] {
        guard let settings = context.config.registration, let user = settings.aorUser else { return [] }
        let registered = calls.contains { call in
            call.registration.map { SIPCall.sameAddressOfRecord($0.addressOfRecord, settings.bareAOR) } == true
                && call.transactions.contains { $0.method == "REGISTER" && $0.responses.contains(where: \.isSuccess) }
        }
        guard !registered else { return [] }
        let failed = calls.filter { call in
            call.kind == .call && [404, 480].contains(call.finalStatus ?? 0)
                && Self.user(of: call.to) == user
        }
        guard let first = failed.first else { return [] }
        let evidence = failed.compactMap { call -> FindingEvidence? in
            guard let invite = call.initialInvites.first else { return nil }
            return call.requestEvidence(invite, detail: "answered \(call.finalStatus ?? 0) (Call-ID \(call.callID))")
        }
        return [
            Finding(
                code: "registration.missing",
                severity: .warning,
                summary: "\(failed.count) call\(failed.count == 1 ? "" : "s") to \(user) failed with 404/480 and "
                    + "the capture holds no successful registration of \(settings.bareAOR)",
                explanation: "Calls to a registered user are delivered to the address the registration bound; "
                    + "without a current binding the registrar answers 404 Not Found or 480 Temporarily "
                    + "Unavailable. No REGISTER of \(settings.bareAOR) was accepted in this capture, so the "
                    + "binding had probably expired or was never made.",
                evidence: evidence,
                fix: "Look at the registration's REGISTER flow (`sipdiag calls <capture>` lists registrations) and "
                    + "at the registration settings: `sipdiag registration show`.",
                callID: first.callID
            )
        ]
    }

    /// The user part of a To URI such as `sip:1001@example.com`.
    private static func user(of uri: String?) -> String? {
        guard let uri, let at = uri.firstIndex(of: "@") else { return nil }
        var user = uri[..<at]
        if let colon = user.firstIndex(of: ":") { user = user[user.index(after: colon)...] }
        return String(user)
    }
}
