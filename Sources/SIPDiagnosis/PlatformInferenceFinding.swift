import SIPCapture

/// The finding that says which addresses were taken to be the platform's and why, so that a
/// reader can check the inference (and pass `--platform-ip` when it is wrong).
enum PlatformInferenceFinding {
    static func make(_ platform: PlatformSide) -> Finding? {
        guard !platform.inferred.isEmpty else { return nil }
        var seen = Set<String>()
        let distinct = platform.inferred.filter { seen.insert($0.address.description).inserted }
        let evidence = platform.inferred.map {
            FindingEvidence(
                time: $0.time,
                text: "\($0.address) \($0.reason)" + ($0.callID.map { " (Call-ID \($0))" } ?? "")
            )
        }
        let addresses = WhitelistRule.list(distinct.map(\.address.description))
        return Finding(
            code: "platform.inferred",
            severity: .info,
            summary: "Taken to be the platform: \(addresses)",
            explanation: "Which side is the platform decides which checks apply: the whitelist to calls sent to "
                + "it, the outbound routes to calls it sends. No platform address was given for these, so they "
                + "were inferred from the capture and the account's configuration.",
            evidence: evidence,
            fix: "If this is wrong, give the platform's addresses with --platform-ip (repeatable) or as "
                + "\"platform\": [...] in the account file."
        )
    }
}
