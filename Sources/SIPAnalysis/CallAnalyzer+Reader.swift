public import SIPCapture

extension CallAnalyzer {
    /// Adds every item of `reader` until its end. A capture damaged part way stops at the damage:
    /// the error is returned and everything before it stays analysed. `progress` sees the
    /// reader's counters every few hundred items.
    ///
    /// Reading and parsing run on a second thread, a few hundred messages ahead of the thread
    /// that places them in calls: on a machine with two cores the two halves of the work
    /// overlap. The result is the same as adding the items one by one. `reader` must not be
    /// used elsewhere until this returns.
    public mutating func read(
        _ reader: CaptureReader,
        progress: (CaptureStatistics) -> Void = { _ in }
    ) -> CaptureError? {
        // A few batches in flight: enough to smooth out uneven messages, little memory.
        let queue = BoundedQueue<PreparedBatch>(capacity: 4)
        // Items go back to the worker to be freed there: memory is then freed by the thread
        // that allocated it, which glibc's malloc does without taking a lock, and the worker
        // reuses it at once. Freed here, nearly every free contended for the worker's arena.
        let spent = BoundedQueue<[PreparedItem]>(capacity: 16)
        // Only the worker touches the reader until it is joined below.
        nonisolated(unsafe) let workerReader = reader
        let headers = relatedLegHeaders
        let worker = WorkerThread.start {
            PreparedBatch.prepare(workerReader, deliver: queue.put) {
                _ = spent.takeAll()
                // More of the work here the further ahead this thread is (the more batches
                // wait): the rest is done by the analysis as it places the messages.
                switch queue.count {
                case 0: return .parse
                case 1: return .media
                default: return .facts(relatedLegHeaders: headers)
                }
            }
        }
        guard let worker else {
            var failure: CaptureError?
            // No second thread: the same steps on this one, the facts found as messages are placed.
            PreparedBatch.prepare(reader, deliver: { failure = add($0, progress: progress) }, startingBatch: { .parse })
            return failure
        }
        defer { worker.join() }
        while true {
            var batch = queue.take()
            let failure = add(batch, progress: progress)
            if batch.end != nil { return failure }
            let items = batch.items
            batch.items = []
            spent.put(consume items)
        }
    }

    /// Adds a batch's items and reports progress; returns the capture's error on its last batch.
    private mutating func add(_ batch: PreparedBatch, progress: (CaptureStatistics) -> Void) -> CaptureError? {
        for item in batch.items { add(item) }
        progress(batch.statistics)
        return batch.end?.error
    }
}
