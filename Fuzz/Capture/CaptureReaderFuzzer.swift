// libFuzzer entry point for the whole capture decoder, built by scripts/fuzz.sh together with
// the SIPCapture sources (not part of the package build). Any crash, trap, leak or hang here
// is a bug: every input must end in messages, warnings or a CaptureError.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCaptureReader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    var limits = CaptureLimits()
    // Small limits reach the eviction and cap paths with small inputs.
    limits.maxTrackedFlows = 4
    limits.maxPendingDatagrams = 4
    limits.maxOutOfOrderSegmentsPerDirection = 4
    limits.maxStreamBufferPerDirection = 4096
    for limits in [CaptureLimits.default, limits] {
        guard let reader = try? CaptureReader(bytes: bytes, limits: limits) else { continue }
        while true {
            guard let item = try? reader.next() else { break }
            if case .message(let message) = item, message.payload.isEmpty, message.recordNumbers.isEmpty {
                // Keeps the optimiser from dropping the decode; never true for a real message.
                return 1
            }
        }
        _ = reader.warnings
        _ = reader.statistics
    }
    return 0
}
