// libFuzzer entry point for the SIP message parser and validator, built by scripts/fuzz.sh
// together with the SIPMessage sources (not part of the package build). Every input must end
// in a message or a SIPParseError: a crash, trap, leak or hang is a bug.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSIPMessage(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let message = try? SIPMessage(parsing: bytes) else { return 0 }
    let violations = message.validate()
    let fields = message.headerFields
    // Keeps the optimiser from dropping the work; never true for a parsed message.
    return violations.count + fields.count < 0 ? 1 : 0
}
