/// Everything mutable about a server, kept behind its `Mutex`.
struct ServerState: Sendable {
    var stopped = false
    /// Whether the accept thread still owns an open listening socket: `stop()` may only shut down
    /// a descriptor that has not been closed (and possibly reused) yet.
    var listenerOpen = true
    /// Open connection descriptors; a connection thread removes its own under the lock before
    /// closing it, for the same reason.
    var connections: Set<Int32> = []
    var requests: [RecordedRequest] = []
    var faults: [InjectedFault] = []
    var whitelist: [WhitelistRecord] = []
    var routes: [String] = []
    var registration: RegistrationRecord?
    var reservedAORs: Set<String> = []

    /// Takes one use of the first fault injected for this path and method.
    mutating func takeFault(path: String, method: String) -> VidaTestServer.Fault? {
        guard let index = faults.firstIndex(where: { $0.path == path && $0.method == method }) else {
            return nil
        }
        let fault = faults[index].fault
        faults[index].remaining -= 1
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return fault
    }
}
