import SIPAnalysis
import Testing

/// The two helpers the threaded steps rest on.
@Suite struct ThreadingPrimitiveTests {
    /// A fast producer and a consumer: every element arrives once, in order, and the queue
    /// never holds more than its capacity.
    @Test func boundedQueueKeepsOrderAndCapacity() throws {
        let queue = BoundedQueue<Int>(capacity: 3)
        let count = 20_000
        let producer = try #require(WorkerThread.start { for value in 0..<count { queue.put(value) } })
        var received: [Int] = []
        var largest = 0
        for _ in 0..<count {
            largest = max(largest, queue.count)
            received.append(queue.take())
        }
        producer.join()
        #expect(received == Array(0..<count))
        #expect(largest <= 3)
        #expect(queue.count == 0)
    }

    @Test func takeAllEmptiesTheQueue() {
        let queue = BoundedQueue<String>(capacity: 4)
        queue.put("a")
        queue.put("b")
        #expect(queue.takeAll() == ["a", "b"])
        #expect(queue.takeAll().isEmpty)
    }

    @Test func bothHalvesAreComputed() {
        let numbers = Array(1...100_000)
        let (first, second) = Parallel.both(
            { numbers[..<50_000].reduce(0, +) },
            { numbers[50_000...].reduce(0, +) }
        )
        #expect(first == 1_250_025_000)
        #expect(second == 3_750_025_000)
    }
}
