import Foundation

@testable import VidaAPI

/// Records progress reports and sleeps.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var progressEvents: [VidaProgress] = []
    private var sleepSeconds: [Double] = []

    var progress: [VidaProgress] { lock.withLock { progressEvents } }
    var sleeps: [Double] { lock.withLock { sleepSeconds } }

    func record(_ event: VidaProgress) { lock.withLock { progressEvents.append(event) } }
    func recordSleep(_ seconds: Double) { lock.withLock { sleepSeconds.append(seconds) } }
}
