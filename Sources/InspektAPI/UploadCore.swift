import CThreadSupport
import Foundation
import NIOCore
import Synchronization

/// Keeps an upload's reading thread, and the event-loop thread that writes its connection, on one CPU while the
/// upload lasts.
///
/// Every chunk passes from the thread that reads and hashes it to the one that writes it to the socket. Left to
/// the scheduler, the two run on different CPUs: each chunk crosses between their caches and each hand-off wakes
/// a second CPU. On one CPU the chunk is written from the cache it was hashed in, and the upload leaves the other
/// CPUs to the rest of the kiosk (the board, the receiver). Figures in docs/ARCHITECTURE.md ("Reads of a photo").
///
/// Uploads whose connections share an event loop share its CPU; the loop's own CPUs come back when the last of
/// them ends. A thread started meanwhile by either thread (the task pool grows from whichever thread gives it
/// work) inherits that one CPU: it gets the loop's CPUs back then too. Where a CPU cannot be told or kept (not
/// Linux, a scheduler that refuses), nothing is changed.
final class UploadCore: Sendable {
    /// The CPU the upload runs on.
    let cpu: Int
    private let loop: any EventLoop

    private init(cpu: Int, loop: any EventLoop) {
        self.cpu = cpu
        self.loop = loop
    }

    /// An event loop kept on one CPU: by how many uploads, and the CPUs it had before the first.
    private struct Kept: Sendable {
        var uploads: Int
        var cpu: Int32
        var before: inspekt_cpu_mask
    }

    /// Changed only on the kept loop's own thread, which alone can set its CPUs.
    private static let kept = Mutex<[ObjectIdentifier: Kept]>([:])

    /// Keeps `loop`'s thread and the calling thread on the CPU the loop's thread runs on; nil when they could not be.
    /// Blocks until the loop has answered: call it from the upload's own thread, never from an event loop or the
    /// task pool.
    static func join(_ loop: any EventLoop) -> UploadCore? {
        let key = ObjectIdentifier(loop)
        let answer = loop.submit { () -> Int32 in
            kept.withLock { kept in
                if var entry = kept[key] {
                    entry.uploads += 1
                    kept[key] = entry
                    return entry.cpu
                }
                var before = inspekt_cpu_mask()
                let cpu = inspekt_current_cpu()
                guard cpu >= 0, inspekt_thread_cpus(&before) == 0, inspekt_keep_thread_on(cpu) == 0 else { return -1 }
                kept[key] = Kept(uploads: 1, cpu: cpu, before: before)
                return cpu
            }
        }
        guard let cpu = try? answer.wait(), cpu >= 0 else { return nil }
        let core = UploadCore(cpu: Int(cpu), loop: loop)
        guard inspekt_keep_thread_on(cpu) == 0 else {
            core.leave()
            return nil
        }
        return core
    }

    /// The upload is over: its loop gets its CPUs back once no other upload keeps it. The calling thread, the
    /// upload's own, ends with the upload and is left as it is.
    func leave() {
        let key = ObjectIdentifier(loop)
        loop.execute {
            Self.kept.withLock { kept in
                guard var entry = kept[key] else { return }
                entry.uploads -= 1
                if entry.uploads > 0 {
                    kept[key] = entry
                    return
                }
                kept[key] = nil
                // Another upload on this CPU still needs its threads there; its own end frees them all.
                guard !kept.values.contains(where: { $0.cpu == entry.cpu }) else {
                    _ = inspekt_set_thread_cpus(&entry.before)
                    return
                }
                Self.freeThreads(keptOn: entry.cpu, giving: entry.before)
            }
        }
    }

    /// Every thread of the process that may run on `cpu` alone (this loop's, the upload's, and any they started)
    /// gets `before` instead.
    private static func freeThreads(keptOn cpu: Int32, giving before: inspekt_cpu_mask) {
        var before = before
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        for thread in threads.compactMap({ Int32($0) }) {
            var mask = inspekt_cpu_mask()
            guard inspekt_cpus_of_thread(thread, &mask) == 0, inspekt_cpu_count(&mask) == 1,
                inspekt_cpu_is_set(&mask, cpu) != 0
            else { continue }
            _ = inspekt_set_cpus_of_thread(thread, &before)
        }
        // Where /proc cannot be read, this thread at least.
        _ = inspekt_set_thread_cpus(&before)
    }

    /// The CPUs thread `thread` of the process (0: the calling thread) may run on, in order (empty where that
    /// cannot be told).
    static func cpus(ofThread thread: Int32 = 0) -> [Int] {
        var mask = inspekt_cpu_mask()
        guard inspekt_cpus_of_thread(thread, &mask) == 0 else { return [] }
        return (0..<1024).filter { inspekt_cpu_is_set(&mask, Int32($0)) != 0 }
    }

    /// The calling thread's id, as `cpus(ofThread:)` takes it.
    static func callingThreadID() -> Int32 { inspekt_thread_id() }
}
