/// A captures directory that does not match its manifest: a fixture bug, answered 500 so the
/// test that uses it says what is wrong.
struct CaptureStoreError: Error, Sendable {
    let message: String
}
