/// What a report's redaction removed and replaced, for the report to say in words (a reader
/// must know that `REDACTED-SRTP-KEY` is sipdiag's doing, not the capture's).
public struct RedactionSummary: Sendable, Hashable {
    /// How many personal data items were replaced by stand-ins, by kind.
    public struct PersonalData: Sendable, Hashable {
        public var addresses: Int
        public var users: Int
        public var names: Int

        public init(addresses: Int, users: Int, names: Int) {
            self.addresses = addresses
            self.users = users
            self.names = names
        }
    }

    /// How many secrets of each kind were removed.
    public var removed: [SecretKind: Int]
    /// What was replaced with `--redact-pii`; `nil` when personal data was kept.
    public var personalData: PersonalData?

    public init(removed: [SecretKind: Int] = [:], personalData: PersonalData? = nil) {
        self.removed = removed
        self.personalData = personalData
    }

    /// One sentence on the secrets: which were removed and the marker that stands for them.
    public var secretsSentence: String {
        let kinds = removed.filter { $0.value > 0 }.keys.sorted()
        guard !kinds.isEmpty else {
            return "No credentials or keys were found; any would have been removed."
        }
        let items = kinds.map { "\(removed[$0] ?? 0) \(Self.noun($0, count: removed[$0] ?? 0)) (\($0.marker))" }
        return "Removed: " + items.joined(separator: ", ") + "."
    }

    /// One sentence on personal data: kept, or replaced by how many stand-ins of which kind.
    public var personalDataSentence: String {
        guard let personalData else {
            return "Personal data (numbers, user names, display names, IP addresses) is shown as captured."
        }
        var parts: [String] = []
        if personalData.addresses > 0 {
            parts.append(
                "\(personalData.addresses) IP \(personalData.addresses == 1 ? "address" : "addresses") "
                    + "(as 240.0.0.N or 100::N)"
            )
        }
        if personalData.users > 0 {
            parts.append(
                "\(personalData.users) \(personalData.users == 1 ? "user or number" : "users and numbers") "
                    + "(as user-N or number-N)"
            )
        }
        if personalData.names > 0 {
            parts.append("\(personalData.names) display \(personalData.names == 1 ? "name" : "names") (as Name N)")
        }
        guard !parts.isEmpty else { return "No personal data was found; any would have been replaced." }
        return "Personal data replaced consistently (the same original, the same stand-in): "
            + parts.joined(separator: ", ") + "."
    }

    private static func noun(_ kind: SecretKind, count: Int) -> String {
        guard count == 1 else { return kind.pluralName }
        switch kind {
        case .credentials: return "credentials"
        case .uriPassword: return "URI password"
        case .srtpKey: return "SRTP key"
        case .keyManagement: return "key-management blob"
        case .icePassword: return "ICE password"
        case .digestResponse: return "digest response"
        case .cnonce: return "digest cnonce"
        case .password: return "password"
        case .apiToken: return "API token"
        }
    }
}
