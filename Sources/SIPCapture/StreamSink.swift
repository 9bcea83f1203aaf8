/// Where the stream decoders put what they find: outputs in stream order, and warnings.
///
/// Passed `inout` down the call chain so that the decoders stay plain values.
struct StreamSink {
    var outputs: [StreamOutput] = []
    var warnings = WarningCollector()
    let limits: CaptureLimits

    /// An empty sink for decoders bound by `limits`.
    init(limits: CaptureLimits) {
        self.limits = limits
    }
}
