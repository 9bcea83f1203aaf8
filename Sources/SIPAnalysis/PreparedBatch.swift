import SIPCapture
import SIPMessage

/// Consecutive prepared items of a capture, handed from the thread that reads and parses to the
/// thread that builds calls. Handing them over in batches, not one by one, keeps the cost of
/// the handover (a lock and a wake-up) out of the per-message budget.
struct PreparedBatch: Sendable {
    var items: [PreparedItem] = []
    /// The reader's counters after the batch's last item, for progress reports.
    var statistics = CaptureStatistics()
    /// Set on the last batch: the capture ended, cleanly (`nil` error) or at damage.
    var end: End?

    struct End: Sendable {
        let error: CaptureError?
    }

    /// Items per batch: enough that a handover is rare, few enough that the consumer starts at
    /// once and the batches in flight stay small.
    static let size = 256

    /// Reads `reader` to its end, preparing each item, and hands `deliver` batches in order;
    /// the last one has `end` set. `startingBatch` runs before each batch and says how far to
    /// prepare its messages.
    static func prepare(
        _ reader: CaptureReader,
        deliver: (PreparedBatch) -> Void,
        startingBatch: () -> PreparationDepth
    ) {
        var depth = startingBatch()
        var batch = PreparedBatch()
        batch.items.reserveCapacity(size)
        do {
            while let item = try reader.next() {
                batch.items.append(PreparedItem(item, depth: depth))
                if batch.items.count == size {
                    batch.statistics = reader.statistics
                    deliver(batch)
                    depth = startingBatch()
                    batch = PreparedBatch()
                    batch.items.reserveCapacity(size)
                }
            }
            batch.end = End(error: nil)
        } catch {
            batch.end = End(error: error)
        }
        batch.statistics = reader.statistics
        deliver(batch)
    }
}
