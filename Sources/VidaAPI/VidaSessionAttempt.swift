import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One request on its own ephemeral `URLSession`, driven through the data-task delegate so that
/// the body can be counted as it arrives, redirects refused and the per-attempt timeout enforced.
///
/// The delegate methods run on the session's serial queue while the watchdog and cancellation run
/// elsewhere: every piece of state is behind `lock`.
final class VidaSessionAttempt: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    typealias Outcome = Result<VidaHTTPResponse, VidaTransportFailure>

    /// Captures are read whole into memory; a body past this is refused rather than allowed to
    /// exhaust it.
    static let defaultMaximumBodyBytes = 512 * 1024 * 1024

    private let lock = NSLock()
    private let maximumBodyBytes: Int
    private let receiving: @Sendable (Int64, Int64?) -> Void
    private var continuation: CheckedContinuation<Outcome, Never>?
    private var response: HTTPURLResponse?
    private var redirect: HTTPURLResponse?
    private var body: [UInt8] = []
    private var expected: Int64?
    private var lastReported: Int64 = 0
    private var stopReason: VidaTransportFailure?
    private var watchdog: DispatchWorkItem?

    private init(maximumBodyBytes: Int, receiving: @escaping @Sendable (Int64, Int64?) -> Void) {
        self.maximumBodyBytes = maximumBodyBytes
        self.receiving = receiving
    }

    /// Runs `request`, giving it `timeout` seconds from start to last byte.
    static func run(
        _ request: URLRequest,
        timeout: Double,
        maximumBodyBytes: Int = defaultMaximumBodyBytes,
        receiving: @escaping @Sendable (Int64, Int64?) -> Void
    ) async -> Outcome {
        let attempt = VidaSessionAttempt(maximumBodyBytes: maximumBodyBytes, receiving: receiving)
        // The watchdog enforces `timeout` to the millisecond. URLSession's own timeouts are only a
        // backstop a second later: swift-corelibs-foundation truncates them to whole seconds, so a
        // timeout under one second would fire at once.
        let backstop = max(1, timeout.rounded(.up)) + 1
        var request = request
        request.timeoutInterval = backstop
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = backstop
        configuration.timeoutIntervalForResource = backstop
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: attempt, delegateQueue: queue)
        // The session holds its delegate strongly until invalidated.
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: request)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                attempt.start(task, timeout: timeout, continuation: continuation)
            }
        } onCancel: {
            attempt.stop(task, VidaTransportFailure(reason: .cancelled, detail: "The request was cancelled."))
        }
    }

    private func start(_ task: URLSessionDataTask, timeout: Double, continuation: CheckedContinuation<Outcome, Never>) {
        lock.withLock {
            self.continuation = continuation
            // URLRequest's timeout is an idle timeout; this one bounds the whole attempt. It runs
            // on Dispatch rather than as a Task so that a busy cooperative thread pool cannot
            // delay it.
            let item = DispatchWorkItem { [weak self] in
                self?.stop(task, VidaTransportFailure(reason: .timeout, detail: ""))
            }
            watchdog = item
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0.001, min(timeout, 86_400)), execute: item)
        }
        task.resume()
    }

    /// Cancels `task`, remembering why so that its completion is reported as `failure`.
    private func stop(_ task: URLSessionDataTask, _ failure: VidaTransportFailure) {
        let first = lock.withLock {
            guard stopReason == nil else { return false }
            stopReason = failure
            return true
        }
        if first { task.cancel() }
    }

    // MARK: - URLSessionDataDelegate

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        // Following a redirect would send the token in the query to wherever Location points.
        lock.withLock { redirect = response }
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        lock.withLock {
            let http = response as? HTTPURLResponse
            self.response = http
            let length = response.expectedContentLength
            // libcurl decodes a compressed body (URLSession asks for gzip), so Content-Length,
            // the compressed size, says nothing about how many bytes will arrive here.
            let encoding = http?.allHeaderFields.first { ($0.key as? String)?.lowercased() == "content-encoding" }
            let encoded = (encoding?.value as? String).map { $0.trimmingSpaces().lowercased() != "identity" } ?? false
            expected = length >= 0 && !encoded ? length : nil
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let (report, total, expected, overflow) = lock.withLock { () -> (Bool, Int64, Int64?, Bool) in
            guard body.count + data.count <= maximumBodyBytes else { return (false, 0, nil, true) }
            body.append(contentsOf: data)
            let total = Int64(body.count)
            // One report per 64 KiB keeps a progress line from redrawing for every packet.
            let report = lastReported == 0 || total - lastReported >= 65_536
            if report { lastReported = total }
            return (report, total, self.expected, false)
        }
        if overflow {
            stop(
                dataTask,
                VidaTransportFailure(
                    reason: .tooLarge,
                    detail: "The response body is larger than \(maximumBodyBytes / 1_048_576) MiB."
                )
            )
            return
        }
        if report { receiving(total, expected) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, outcome, final) = lock.withLock {
            () -> (CheckedContinuation<Outcome, Never>?, Outcome, Int64?) in
            watchdog?.cancel()
            let continuation = self.continuation
            self.continuation = nil
            let outcome = finish(error)
            let final: Int64? = body.isEmpty || Int64(body.count) == lastReported ? nil : Int64(body.count)
            return (continuation, outcome, final)
        }
        if let final { receiving(final, expected) }
        continuation?.resume(returning: outcome)
    }

    /// The outcome once the task is over; called with `lock` held.
    private func finish(_ error: (any Error)?) -> Outcome {
        if let stopReason { return .failure(stopReason) }
        if let error {
            // A body cut short surfaces as an error; say how much had arrived.
            let failure = VidaTransportFailure(error)
            if failure.reason == .closed || failure.reason == .other, response != nil {
                return .failure(VidaTransportFailure(reason: .closed, detail: shortBodyDetail(failure.detail)))
            }
            return .failure(failure)
        }
        guard let http = response ?? redirect else {
            return .failure(
                VidaTransportFailure(reason: .closed, detail: "The server closed the connection without a response.")
            )
        }
        if let expected, Int64(body.count) < expected {
            return .failure(VidaTransportFailure(reason: .closed, detail: shortBodyDetail("")))
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return .success(
            VidaHTTPResponse(statusCode: http.statusCode, headers: headers, body: response == nil ? [] : body)
        )
    }

    private func shortBodyDetail(_ detail: String) -> String {
        let received = "after \(body.count)" + (expected.map { " of \($0)" } ?? "") + " bytes of the body"
        return detail.isEmpty ? received : received + "; " + detail
    }
}

/// The performer that goes over the network.
struct VidaURLSessionPerformer: VidaHTTPPerformer {
    func perform(
        _ request: URLRequest,
        timeout: Double,
        receiving: @escaping @Sendable (Int64, Int64?) -> Void
    ) async -> Result<VidaHTTPResponse, VidaTransportFailure> {
        await VidaSessionAttempt.run(request, timeout: timeout, receiving: receiving)
    }
}
