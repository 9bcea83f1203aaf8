public import SIPAnalysis
public import SIPCapture

/// What the configuration checks of a call need: the configuration, its names resolved once,
/// the platform's addresses, and the thresholds.
public struct AccountContext: Sendable {
    public var config: AccountConfig
    public var routes: [ResolvedRoute]
    /// The registrar of the configured registration, resolved.
    public var registrar: ResolvedRoute?
    public var platform: PlatformSide
    public var options: DiagnosisOptions

    /// Resolves the configuration's names with `resolver` and works out the platform's
    /// addresses in `calls`.
    public init(
        config: AccountConfig,
        calls: [SIPCall],
        resolver: any HostResolver,
        options: DiagnosisOptions = DiagnosisOptions()
    ) {
        self.config = config
        self.options = options
        routes = (config.routes ?? []).map { ResolvedRoute(target: $0, resolver: resolver) }
        registrar = config.registration.map { ResolvedRoute(target: $0.registrar, resolver: resolver) }
        platform = PlatformSide.infer(calls: calls, config: config, routes: routes, registrar: registrar)
    }

    /// The transport of the request of `transaction` as far as it can be trusted: `nil` when the
    /// capture does not record real transports (``DiagnosisOptions/transportsAreReliable``).
    public func transport(of transaction: SIPTransaction) -> SIPTransport? {
        options.transportsAreReliable ? transaction.transport : nil
    }
}
