import Foundation
import Testing

@testable import VidaAPI

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A performer that answers from a script instead of the network, and records what it was asked.
final class ScriptedPerformer: VidaHTTPPerformer, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [Result<VidaHTTPResponse, VidaTransportFailure>]
    private var sent: [URLRequest] = []

    init(_ script: [Result<VidaHTTPResponse, VidaTransportFailure>]) {
        self.script = script
    }

    var requests: [URLRequest] { lock.withLock { sent } }

    func perform(
        _ request: URLRequest,
        timeout: Double,
        receiving: @escaping @Sendable (Int64, Int64?) -> Void
    ) async -> Result<VidaHTTPResponse, VidaTransportFailure> {
        let next = lock.withLock { () -> Result<VidaHTTPResponse, VidaTransportFailure> in
            sent.append(request)
            guard !script.isEmpty else {
                return .failure(VidaTransportFailure(reason: .other, detail: "script exhausted"))
            }
            return script.removeFirst()
        }
        if case .success(let response) = next, !response.body.isEmpty {
            receiving(Int64(response.body.count), Int64(response.body.count))
        }
        return next
    }
}
