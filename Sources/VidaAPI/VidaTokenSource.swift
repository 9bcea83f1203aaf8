/// Where ``VidaCredentials/resolve(tokenFile:environment:homeDirectory:)`` found the token, so that
/// messages can say which one was used (never the token itself).
public enum VidaTokenSource: Sendable, Equatable, CustomStringConvertible {
    /// `--token-file PATH`.
    case tokenFile(String)
    /// The `VIDA_API_TOKEN` environment variable.
    case environment
    /// The `"token"` of the config file at this path.
    case configFile(String)

    public var description: String {
        switch self {
        case .tokenFile(let path): "the token file \(path)"
        case .environment: "the VIDA_API_TOKEN environment variable"
        case .configFile(let path): "the config file \(path)"
        }
    }
}
