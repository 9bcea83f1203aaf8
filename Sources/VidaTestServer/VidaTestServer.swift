/// A fake Vida API on 127.0.0.1 for tests and demos (work in progress).
public final class VidaTestServer: Sendable {
    public init() {}
}
