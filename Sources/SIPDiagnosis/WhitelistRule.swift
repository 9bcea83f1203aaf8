public import SIPAnalysis
import SIPCapture

/// Checks the source of every dialog-creating request sent to the platform against the
/// account's SIP IP whitelist: the platform accepts SIP only from listed addresses, and
/// answers others with 401, 403 or 404, or not at all.
///
/// Codes: `whitelist.source-not-listed` (error; the cause of the failure when the request was
/// refused or unanswered), `whitelist.port-or-transport-differs` (the address is listed, but
/// for another port or transport), `whitelist.listed-but-refused` (listed, refused anyway),
/// `whitelist.private-source` (a private or reserved source: a NAT in front of the PBX, or a
/// capture taken inside it).
public struct WhitelistRule: AccountRule {
    public init() {}

    public func check(_ call: SIPCall, context: AccountContext) -> [Finding] {
        guard let whitelist = context.config.whitelist else { return [] }
        var findings: [Finding] = []
        for transaction in call.dialogCreatingRequests {
            let direction = call.direction(of: transaction, context: context)
            guard direction.isInbound else { continue }
            let transport = context.transport(of: transaction)
            let source = transaction.client
            var evidence: [FindingEvidence] = []
            if let item = call.requestEvidence(transaction) { evidence.append(item) }
            let outcome = call.finalResponse(following: transaction)
            if let outcome { evidence.append(call.responseEvidence(outcome, of: transaction)) }
            if case .presumedInbound(let why) = direction { evidence.append(FindingEvidence(text: why)) }
            let scope = AddressScope(source.address)
            if !scope.isGlobal {
                findings.append(privateSource(transaction, scope: scope, evidence: evidence, call: call))
            }
            let sameAddress = whitelist.filter { $0.admitsAddress(source.address) }
            if sameAddress.contains(where: { entry in transport.map { entry.admits(source, over: $0) } ?? true }) {
                if let outcome, [401, 403].contains(outcome.statusCode) {
                    findings.append(
                        listedButRefused(transaction, status: outcome.statusCode, evidence: evidence, call: call)
                    )
                }
            } else if !sameAddress.isEmpty {
                findings.append(
                    portOrTransport(
                        transaction,
                        entries: sameAddress,
                        transport: transport,
                        evidence: evidence,
                        call: call
                    )
                )
            } else {
                findings.append(
                    notListed(
                        transaction,
                        whitelist: whitelist,
                        outcome: outcome,
                        transport: transport,
                        evidence: evidence,
                        call: call
                    )
                )
            }
        }
        return findings
    }

    private func notListed(
        _ transaction: SIPTransaction,
        whitelist: [WhitelistItem],
        outcome: SIPTransactionResponse?,
        transport: SIPTransport?,
        evidence: [FindingEvidence],
        call: SIPCall
    ) -> Finding {
        let source = transaction.client.address
        let method = transaction.method
        let listed =
            whitelist.isEmpty
            ? "the whitelist is empty"
            : "you have " + Self.list(whitelist.map(\.description))
        let consequence: String
        let severity: FindingSeverity
        switch outcome?.statusCode {
        case nil:
            (severity, consequence) = (.error, "and got no answer: that is why the call failed")
        case let code? where [401, 403, 404].contains(code):
            (severity, consequence) = (.error, "and was refused with \(code): that is why the call failed")
        case let code?:
            // Answered at all, the request got past the edge: something else admitted it.
            (severity, consequence) = (.warning, "but was answered (\(code)), so something else let it in this time")
        }
        let over = transport.map { " over \($0.rawValue.uppercased())" } ?? ""
        return Finding(
            code: "whitelist.source-not-listed",
            severity: severity,
            summary: "\(method) from \(source) is not in the SIP IP whitelist, \(consequence)",
            explanation: "The platform accepts SIP only from the addresses in the account's SIP IP whitelist "
                + "(\(listed)). This \(method) came from \(transaction.client)\(over), which no entry covers. "
                + "Usually the PBX or carrier sends from a different public address than the one whitelisted: "
                + "a second NAT address, a new internet line, a failover SBC, or a cloud PBX that sends from a "
                + "pool of addresses.",
            evidence: evidence
                + whitelist.enumerated().map { FindingEvidence(text: "whitelist[\($0.offset)]: \($0.element)") },
            fix:
                "If \(source) is your PBX or carrier, add it: `sipdiag whitelist add \(source) --label \"<what it is>\"`. "
                + "If it is not yours, the request is not your traffic and the refusal is right.",
            callID: call.callID
        )
    }

    private func portOrTransport(
        _ transaction: SIPTransaction,
        entries: [WhitelistItem],
        transport: SIPTransport?,
        evidence: [FindingEvidence],
        call: SIPCall
    ) -> Finding {
        let over = transport.map { " over \($0.rawValue.uppercased())" } ?? ""
        return Finding(
            code: "whitelist.port-or-transport-differs",
            severity: .warning,
            summary: "\(transaction.method) from \(transaction.client)\(over) matches the whitelist only by address",
            explanation: "The whitelist has \(Self.list(entries.map(\.description))) for this address, but this "
                + "request came from port \(transaction.client.port)\(over). Where the platform's edge admits "
                + "per port or transport, the request is treated as coming from an unknown source. PBXs change "
                + "source port after a restart (a NAT mapping) or when they move from UDP to TCP or TLS.",
            evidence: evidence,
            fix: "Make the PBX send from the whitelisted port and transport, or whitelist the address itself: "
                + "`sipdiag whitelist add \(transaction.client.address) --label \"<what it is>\"`.",
            callID: call.callID
        )
    }

    private func listedButRefused(
        _ transaction: SIPTransaction,
        status: Int,
        evidence: [FindingEvidence],
        call: SIPCall
    ) -> Finding {
        Finding(
            code: "whitelist.listed-but-refused",
            severity: .warning,
            summary: "\(transaction.method) from whitelisted \(transaction.client.address) was refused with \(status)",
            explanation: "The source address is in the whitelist, so the refusal has another cause: an entry added "
                + "moments ago that the edge has not loaded yet, a number the account does not own in the "
                + "Request-URI or From, or a digest challenge (401/407) the PBX is expected to answer.",
            evidence: evidence,
            fix: "Check the numbers in the Request-URI and From against the account, and whether the PBX answers "
                + "the challenge; retry if the whitelist entry is new.",
            callID: call.callID
        )
    }

    private func privateSource(
        _ transaction: SIPTransaction,
        scope: AddressScope,
        evidence: [FindingEvidence],
        call: SIPCall
    ) -> Finding {
        Finding(
            code: "whitelist.private-source",
            severity: .warning,
            summary: "\(transaction.method) to the platform came from \(scope) address \(transaction.client.address)",
            explanation: "A \(scope) address cannot be the source the platform sees from the internet: a NAT "
                + "rewrites it on the way, and it is the NAT's public address that must be whitelisted. Seen in "
                + "a capture, it means the capture was taken inside the customer's network, or the PBX reaches "
                + "the platform over a private link (VPN), where whitelisting the private address is right.",
            evidence: evidence,
            fix: "Whitelist the public address the PBX's NAT uses (`curl -4 ifconfig.me` from the PBX shows it), "
                + "and set the PBX's external address so that its Via and Contact carry it.",
            callID: call.callID
        )
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}
