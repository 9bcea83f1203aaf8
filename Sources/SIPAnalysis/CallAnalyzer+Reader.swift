public import SIPCapture

extension CallAnalyzer {
    /// Adds every item of `reader` until its end. A capture damaged part way stops at the damage:
    /// the error is returned and everything before it stays analysed. `afterEach` sees the reader
    /// after each item (for progress reports).
    public mutating func read(
        _ reader: CaptureReader,
        afterEach: (CaptureReader) -> Void = { _ in }
    ) -> CaptureError? {
        do {
            while let item = try reader.next() {
                add(item)
                afterEach(reader)
            }
            return nil
        } catch {
            return error
        }
    }
}
