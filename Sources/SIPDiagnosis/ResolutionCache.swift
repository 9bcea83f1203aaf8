import SIPCapture

/// A ``HostResolver``'s answers for one lint: each name is looked up once, however many routes
/// and registrar fields name it, so that the findings agree with each other.
struct ResolutionCache {
    let resolver: any HostResolver
    private var answers: [String: HostResolution] = [:]

    init(resolver: any HostResolver) { self.resolver = resolver }

    mutating func resolve(_ host: String) -> HostResolution {
        let key = host.lowercased()
        if let known = answers[key] { return known }
        let answer = resolver.resolve(host)
        answers[key] = answer
        return answer
    }
}
