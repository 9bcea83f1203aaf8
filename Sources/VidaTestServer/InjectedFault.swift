/// A fault waiting for its next `remaining` matching requests.
struct InjectedFault: Sendable {
    let fault: VidaTestServer.Fault
    let path: String
    let method: String
    var remaining: Int
}
