public import SIPAnalysis
public import SIPCapture
public import SIPDiagnosis

/// A report to attach to a support ticket: the calls and findings made safe to share
/// (``ReportRedactor``), as one self-contained HTML page, as ticket-ready Markdown, or as a zip
/// holding both with the calls' own pcap.
///
/// Everything in it comes from the redacted calls, so the three files agree: the pcap shows the
/// same markers and stand-ins as the pages. Same input, same options and same
/// ``generatedAt``: the same bytes, so reports can be compared and kept as golden files.
public struct TicketReport: Sendable {
    /// The calls as the report shows them (redacted).
    public let calls: [SIPCall]
    /// The findings as the report shows them (redacted).
    public let findings: [Finding]
    /// What the redaction removed and replaced.
    public let redaction: RedactionSummary
    /// Lane names and merging for the ladder.
    public var ladderOptions: LadderOptions
    /// Where the capture came from (a file name, an API query), already redacted.
    public let source: String
    /// The account configuration the calls were checked against (the account file as written,
    /// or the API's configuration), redacted, for the zip's `account.json`; `nil` without one.
    public let account: [UInt8]?
    /// sipdiag's version.
    public var version: String
    /// When the report was made (pinned with `--fixed-time` or `SOURCE_DATE_EPOCH`).
    public var generatedAt: CaptureTime

    /// The report of `calls` (with their messages kept) and the `findings` about them from
    /// `source`, checked against the JSON `account`, redacted by `redactor` (whose options say
    /// whether personal data goes too).
    public init(
        calls: [SIPCall],
        findings: [Finding],
        source: String,
        account: [UInt8]? = nil,
        redactor: ReportRedactor,
        ladderOptions: LadderOptions = LadderOptions(),
        version: String,
        generatedAt: CaptureTime
    ) {
        var redactor = redactor
        // The account's passwords first, so that they are also removed where a message carries them.
        if let account { redactor.learnSecrets(json: account) }
        let redacted = redactor.redact(calls, findings: findings)
        self.calls = redacted.calls
        self.findings = redacted.findings
        self.source = redactor.redact(text: source)
        self.account = account.map { redactor.redact(json: $0) }
        self.redaction = redactor.summary
        self.version = version
        self.generatedAt = generatedAt
        var options = ladderOptions
        if redactor.redactsPersonalData {
            // Names given to addresses would match only the originals, and could name a person.
            options.aliases = HostAliases()
        }
        self.ladderOptions = options
    }

    private var layout: LadderLayout { LadderLayout(calls: calls, options: ladderOptions) }

    /// The self-contained HTML page (``HTMLReportRenderer``) with the redaction section.
    public func html() -> String {
        HTMLReportRenderer(source: source, version: version, generatedAt: generatedAt, redaction: redaction)
            .render(layout, findings: findings)
    }

    /// The Markdown report (``MarkdownReportRenderer``) with the redaction section.
    public func markdown() -> String {
        MarkdownReportRenderer(source: source, version: version, generatedAt: generatedAt, redaction: redaction)
            .render(layout, findings: findings)
    }

    /// The calls' messages as a pcap (``pcap(of:)``).
    public func pcap() -> [UInt8] { Self.pcap(of: calls) }

    /// The calls' messages in capture order as a pcap, each message once (retransmissions kept).
    public static func pcap(of calls: [SIPCall]) -> [UInt8] {
        var writer = PcapWriter()
        var bytes = writer.fileHeader()
        let messages = calls.flatMap(\.messages).sorted { $0.index < $1.index }
        for message in messages {
            _ = writer.append(message.captured, to: &bytes)
        }
        return bytes
    }

    /// The names of the zip's entries, in the order they are written.
    public var zipEntryNames: [String] {
        ["report.html", "report.md", "calls.pcap"] + (account == nil ? [] : ["account.json"])
    }

    /// A zip (stored entries, ``ZipArchive``) holding `report.html`, `report.md`, `calls.pcap`
    /// and, when the calls were checked against an account, `account.json`; every entry dated
    /// ``generatedAt``.
    public func zip() throws(ZipArchiveError) -> [UInt8] {
        var archive = ZipArchive(modified: ZipTime(secondsSinceEpoch: generatedAt.nanoseconds / 1_000_000_000))
        let contents = [Array(html().utf8), Array(markdown().utf8), pcap()] + (account.map { [$0] } ?? [])
        for (name, bytes) in Swift.zip(zipEntryNames, contents) { try archive.add(name, bytes) }
        return archive.bytes()
    }
}
