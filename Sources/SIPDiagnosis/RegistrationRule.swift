public import SIPAnalysis
import SIPCapture

/// Checks the REGISTER flows of the account's registration against its settings: address of
/// record, digest username and realm, registrar and transport, and how the registrar answered
/// (RFC 3261 section 10 for registration, section 22 for digest authentication).
///
/// Codes: `registration.aor-mismatch`, `registration.proxy-mismatch`,
/// `registration.transport-mismatch`, `registration.username-mismatch`,
/// `registration.realm-mismatch`, `registration.credentials-rejected` (a challenge again after
/// credentials: wrong password or username), `registration.forbidden` (403),
/// `registration.refresh-too-late` (refreshed after the binding expired).
public struct RegistrationRule: AccountRule {
    public init() {}

    public func check(_ call: SIPCall, context: AccountContext) -> [Finding] {
        guard let settings = context.config.registration else { return [] }
        let registers = call.transactions.filter { $0.method == "REGISTER" }
        guard let first = registers.first else { return [] }
        let aor = call.registration?.addressOfRecord ?? ""
        let isAccountAOR = SIPCall.sameAddressOfRecord(aor, settings.bareAOR)
        guard isAccountAOR || context.platform.contains(first.client.address) else { return [] }
        var findings: [Finding] = []
        let firstEvidence = call.requestEvidence(first).map { [$0] } ?? []
        if !isAccountAOR {
            findings.append(
                finding(
                    "registration.aor-mismatch",
                    .warning,
                    summary: "The platform registered \(aor), but the account's registration is \(settings.bareAOR)",
                    explanation: "The REGISTER's To header names the address of record being bound (RFC 3261 section "
                        + "10.2). A different one means the registrar binds calls for another user, and calls to "
                        + "\(settings.bareAOR) do not reach the platform.",
                    evidence: firstEvidence,
                    fix:
                        "Make the client register \(settings.bareAOR), or correct the account's AOR: `sipdiag registration set --aor <user@domain> ...`.",
                    call: call
                )
            )
        }
        findings += destinationFindings(first, call: call, context: context, evidence: firstEvidence)
        findings += authenticationFindings(registers, settings: settings, call: call)
        if let refresh = refreshFinding(registers, call: call) { findings.append(refresh) }
        return findings
    }

    // MARK: - Where the REGISTER went

    private func destinationFindings(
        _ register: SIPTransaction,
        call: SIPCall,
        context: AccountContext,
        evidence: [FindingEvidence]
    ) -> [Finding] {
        guard let registrar = context.registrar else { return [] }
        var findings: [Finding] = []
        let evidence = evidence + [FindingEvidence(text: "registrar: " + registrar.evidenceText.dropFirst(6))]
        let target = registrar.target
        if let transport = context.transport(of: register), transport != target.effectiveTransport {
            findings.append(
                finding(
                    "registration.transport-mismatch",
                    .error,
                    summary: "REGISTER went over \(transport.rawValue.uppercased()), the registration says "
                        + "\(target.effectiveTransport.rawValue.uppercased())",
                    explanation: "The registration's transport is how the registrar expects to be reached; a "
                        + "registrar that listens on TLS only never sees a UDP REGISTER.",
                    evidence: evidence,
                    fix: "Set the registration's transport to what the registrar documents: "
                        + "`sipdiag registration set --aor <aor> --transport <udp|tcp|tls>`, or fix the sender.",
                    call: call
                )
            )
        }
        let addressMatches = registrar.points(to: register.server.address)
        let portMatches = target.effectivePort == Int(register.server.port)
        if registrar.resolutionProblem == nil, !addressMatches || !portMatches {
            findings.append(
                finding(
                    "registration.proxy-mismatch",
                    .warning,
                    summary: "REGISTER went to \(register.server), not to the registrar \(target.text)",
                    explanation: "The registration names \(target.text) as its registrar or proxy"
                        + (target.port == nil ? " (port \(target.effectivePort) by default)" : "")
                        + ", but the REGISTER was sent to \(register.server). Unless an outbound proxy sits in "
                        + "between, the binding is made with another server, or none.",
                    evidence: evidence,
                    fix: "Check the registration's proxy and port: `sipdiag registration show`.",
                    call: call
                )
            )
        }
        return findings
    }

    // MARK: - Digest authentication

    private func authenticationFindings(
        _ registers: [SIPTransaction],
        settings: RegistrationSettings,
        call: SIPCall
    ) -> [Finding] {
        guard let registration = call.registration else { return [] }
        var findings: [Finding] = []
        let challenged = registers.filter {
            [401, 407].contains($0.responses.last { !$0.isProvisional }?.statusCode ?? 0)
        }
        // The REGISTERs after the first carry the credentials (RFC 3261 section 22.2).
        let withCredentials = registers.dropFirst().compactMap { call.requestEvidence($0) }
        if let expected = settings.expectedDigestUsername,
            let sent = registration.digestUsernames.first(where: { $0 != expected })
        {
            findings.append(
                finding(
                    "registration.username-mismatch",
                    .error,
                    summary: "REGISTER authenticated as \"\(sent)\", the registration's username is \"\(expected)\"",
                    explanation: "The digest username (RFC 3261 section 22.4) must be the one the registrar has for "
                        + "this account; another name fails however right the password is.",
                    evidence: Array(withCredentials.prefix(1)),
                    fix: "Set the authentication username the registrar expects: "
                        + "`sipdiag registration set --aor \(settings.bareAOR) --auth-username \(expected)`.",
                    call: call
                )
            )
        }
        if let configured = settings.realm, let realm = registration.challengeRealms.first(where: { $0 != configured })
        {
            let evidence = challenged.prefix(1).compactMap { transaction in
                transaction.responses.last { !$0.isProvisional }.map {
                    call.responseEvidence($0, of: transaction, detail: "realm=\"\(realm)\"")
                }
            }
            findings.append(
                finding(
                    "registration.realm-mismatch",
                    .error,
                    summary: "The registrar challenges in realm \"\(realm)\", the registration says \"\(configured)\"",
                    explanation: "The digest response is computed over the realm (RFC 2617 section 3.2.2.2); "
                        + "credentials for another realm are never accepted, and many clients do not even answer a "
                        + "challenge for a realm they were not configured with.",
                    evidence: evidence,
                    fix: "Set the realm the registrar uses: "
                        + "`sipdiag registration set --aor \(settings.bareAOR) --realm \(realm)`.",
                    call: call
                )
            )
        }
        if registration.rejectedCredentials > 0 {
            let evidence = challenged.dropFirst().flatMap { transaction -> [FindingEvidence] in
                (call.requestEvidence(transaction).map { [$0] } ?? [])
                    + transaction.responses.filter { !$0.isProvisional }.map {
                        call.responseEvidence($0, of: transaction)
                    }
            }
            let times = registration.rejectedCredentials == 1 ? "once" : "\(registration.rejectedCredentials) times"
            findings.append(
                finding(
                    "registration.credentials-rejected",
                    .error,
                    summary: "The registrar challenged again after credentials (\(times)): wrong password or username",
                    explanation: "A REGISTER that carries credentials and is challenged again, without stale=true, "
                        + "was refused (RFC 3261 section 22.2): the password, the username or the realm does not "
                        + "match what the registrar has. Registrars often block the address after a few such loops.",
                    evidence: evidence,
                    fix: "Set the username and password again with the values the registrar's owner gives: "
                        + "`sipdiag registration set --aor \(settings.bareAOR) --username <name> --password-file <file>`.",
                    call: call
                )
            )
        }
        if let forbidden = registers.first(where: { $0.responses.contains { $0.statusCode == 403 } }),
            let response = forbidden.responses.first(where: { $0.statusCode == 403 })
        {
            findings.append(
                finding(
                    "registration.forbidden",
                    .error,
                    summary: "The registrar refused the registration with 403",
                    explanation: "403 Forbidden to a REGISTER means the registrar will not bind this AOR for this "
                        + "client at all: the user does not exist or is disabled, the credentials belong to another "
                        + "AOR, or the platform's address is blocked after failed attempts.",
                    evidence: (call.requestEvidence(forbidden).map { [$0] } ?? [])
                        + [call.responseEvidence(response, of: forbidden)],
                    fix: "Check with the registrar's owner that the AOR \(settings.bareAOR) exists and that the "
                        + "platform's address is allowed.",
                    call: call
                )
            )
        }
        return findings
    }

    // MARK: - Refresh

    private func refreshFinding(_ registers: [SIPTransaction], call: SIPCall) -> Finding? {
        guard let granted = call.registration?.grantedExpires, granted > 0 else { return nil }
        let accepted = registers.filter { $0.responses.contains(where: \.isSuccess) }
        for (earlier, later) in zip(accepted, accepted.dropFirst()) {
            guard let start = earlier.responses.first(where: \.isSuccess)?.time, let next = later.requestTime else {
                continue
            }
            let gap = start.milliseconds(to: next) / 1000
            guard gap > Double(granted) else { continue }
            var evidence: [FindingEvidence] = []
            if let item = call.requestEvidence(later) { evidence.append(item) }
            return finding(
                "registration.refresh-too-late",
                .error,
                summary: "The registration was refreshed after \(Int(gap)) s, but the registrar granted \(granted) s",
                explanation: "A binding expires when the granted time runs out (RFC 3261 section 10.2.1.1); "
                    + "refreshing later leaves a gap in which calls to the AOR fail with 404 or 480. Clients must "
                    + "refresh before expiry, usually at half the granted time, and must use the time in the 2xx, "
                    + "not the one they asked for.",
                evidence: evidence,
                fix: "Lower the registration interval on the client below \(granted) s, or ask the registrar's owner "
                    + "for a longer expiry.",
                call: call
            )
        }
        return nil
    }

    // MARK: - Helpers

    private func finding(
        _ code: String,
        _ severity: FindingSeverity,
        summary: String,
        explanation: String,
        evidence: [FindingEvidence],
        fix: String,
        call: SIPCall
    ) -> Finding {
        Finding(
            code: code,
            severity: severity,
            summary: summary,
            explanation: explanation,
            evidence: evidence,
            fix: fix,
            callID: call.callID
        )
    }
}
