import SIPCapture

/// A min-heap of messages by time, so that calls generated one after another come out
/// interleaved as they would be on the wire. Ties keep insertion order, which keeps the
/// output deterministic and each dialog's messages in their causal order.
struct MessageQueue {
    /// A queued message and its insertion order, the tie-breaker.
    private struct Entry {
        var message: CapturedMessage
        var order: Int

        /// Earlier time first, then earlier insertion.
        func precedes(_ other: Entry) -> Bool {
            (message.time.nanoseconds, order) < (other.message.time.nanoseconds, other.order)
        }
    }

    private var heap: [Entry] = []
    private var inserted = 0

    var isEmpty: Bool { heap.isEmpty }

    /// The time of the earliest message, if any.
    var earliest: CaptureTime? { heap.first?.message.time }

    /// Adds a message (sift-up, O(log n)).
    mutating func push(_ message: CapturedMessage) {
        heap.append(Entry(message: message, order: inserted))
        inserted += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest message (sift-down, O(log n)).
    mutating func pop() -> CapturedMessage? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return top.message
    }
}
