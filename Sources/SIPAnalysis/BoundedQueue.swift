#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A first-in, first-out queue between one producing and one consuming thread that holds at
/// most `capacity` elements: a producer faster than its consumer waits instead of filling
/// memory with a capture read ahead.
///
/// `@unchecked Sendable`: every access to `elements` holds `mutex`.
package final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let capacity: Int
    private var elements: [Element] = []
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled whenever an element is put or taken; each side rechecks its own condition.
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    package init(capacity: Int) {
        self.capacity = max(1, capacity)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    /// How many elements wait to be taken.
    package var count: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return elements.count
    }

    /// Appends `element`, first waiting while the queue is full.
    package func put(_ element: consuming Element) {
        pthread_mutex_lock(mutex)
        while elements.count >= capacity { pthread_cond_wait(changed, mutex) }
        elements.append(element)
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }

    /// Removes every element there is, without waiting.
    package func takeAll() -> [Element] {
        pthread_mutex_lock(mutex)
        let taken = elements
        elements.removeAll(keepingCapacity: true)
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
        return taken
    }

    /// Removes the oldest element, first waiting while the queue is empty.
    package func take() -> Element {
        pthread_mutex_lock(mutex)
        while elements.isEmpty { pthread_cond_wait(changed, mutex) }
        // At most `capacity` elements (a handful): shifting them costs nothing.
        let element = elements.removeFirst()
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
        return element
    }
}
