import FoundationEssentials
import Store
import Synchronization

/// What one worker did in ``PostgresWorker/run(stopWhenEmpty:process:)``.
public struct WorkerSummary: Sendable, Hashable {
    /// Jobs whose result this worker stored (processed or failed documents alike).
    public var completed: Int = 0
    /// Jobs whose processing threw; stored as failed documents.
    public var failed: Int = 0
    /// Jobs this worker processed but could not record, because its claim had been lost.
    public var lost: Int = 0

    /// An empty summary.
    public init() {}
}

/// The work loop of `juesuan batch --db postgres://… --work`: claims jobs one at a time, processes
/// them, and records their results, keeping each claim's lease alive while it works.
///
/// ```swift
/// let worker = PostgresWorker(queue: PostgresWorkQueue(store: store))
/// let summary = try await worker.run(stopWhenEmpty: true) { job in
///     try await processDocument(at: job.path)   // → DocumentResult for job.sha256
/// }
/// ```
///
/// Run as many workers as you like, in one process or on many machines: each job is recorded by
/// exactly one of them (docs/postgres.md).
public struct PostgresWorker: Sendable {
    /// The queue to take jobs from.
    public var queue: PostgresWorkQueue
    /// The worker's name in the queue table (`host:pid` by default), for operators.
    public var name: String
    /// How long a claim lasts without a heartbeat; the worker renews it every third of that while
    /// it works, so only a dead or hung worker's claim expires.
    public var lease: Duration
    /// How long to wait before looking again when there is no job to claim.
    public var pollInterval: Duration

    /// A worker on `queue`.
    public init(
        queue: PostgresWorkQueue, name: String = PostgresWorker.defaultName, lease: Duration = .seconds(300),
        pollInterval: Duration = .seconds(1)
    ) {
        self.queue = queue
        self.name = name
        self.lease = lease
        self.pollInterval = pollInterval
    }

    /// `host:pid`.
    public static var defaultName: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Claims, processes and records jobs until the queue is drained (`stopWhenEmpty`) or the task
    /// is cancelled.
    ///
    /// - Parameters:
    ///   - stopWhenEmpty: stop once no job is pending or claimed; while other workers still hold
    ///     claims, keep polling, so that a claim whose worker died is taken over when its lease
    ///     expires. When `false`, poll for new jobs until cancelled.
    ///   - process: reads a job's document and returns its result (for the job's SHA-256). A
    ///     document the pipeline cannot read is a result with a failed status; when `process`
    ///     throws, or returns a result for other bytes (the file changed since it was queued), the
    ///     job is recorded as failed with the reason.
    /// - Returns: what this worker did. On cancellation, a claimed job is given back to the queue.
    /// - Throws: ``StoreError`` when the database fails; the claim in hand then expires.
    public func run(
        stopWhenEmpty: Bool, process: @escaping @Sendable (QueuedDocument) async throws -> DocumentResult
    ) async throws(StoreError) -> WorkerSummary {
        var summary = WorkerSummary()
        // One heartbeat task for the loop's whole life, renewing the lease of the job in hand every
        // third of the lease: a task (and a sleeping timer) per job would leave a cancelled timer
        // behind each job until its deadline.
        let current = CurrentJob()
        let heartbeats = Task { [queue, lease] in
            while true {
                do { try await Task.sleep(for: lease / 3) } catch { return }
                if let job = current.job.withLock({ $0 }) { _ = try? await queue.heartbeat(job, lease: lease) }
            }
        }
        defer { heartbeats.cancel() }
        while !Task.isCancelled {
            guard let job = try await queue.claim(worker: name, lease: lease) else {
                if stopWhenEmpty, try await !queue.hasUnfinishedJobs() { break }
                do { try await Task.sleep(for: pollInterval) } catch { break }
                continue
            }
            current.job.withLock { $0 = job }
            let outcome: Result<DocumentResult, any Error>
            do {
                outcome = .success(try await process(job))
            } catch {
                outcome = .failure(error)
            }
            current.job.withLock { $0 = nil }
            switch outcome {
            case .success(let result):
                let recorded: ClaimOutcome
                do {
                    recorded = try await queue.complete(job, with: result)
                } catch {
                    // The file's bytes changed since it was queued: the job fails, the loop goes on.
                    guard case .identityMismatch = error.kind else { throw error }
                    let reason = error.message
                    switch try await queue.fail(job, reason: reason) {
                    case .recorded: summary.failed += 1
                    case .claimLost: summary.lost += 1
                    }
                    continue
                }
                switch recorded {
                case .recorded: summary.completed += 1
                case .claimLost: summary.lost += 1
                }
            case .failure(let error):
                if Task.isCancelled || error is CancellationError {
                    _ = try await queue.release(job)
                    return summary
                }
                switch try await queue.fail(job, reason: "processing failed: \(error)") {
                case .recorded: summary.failed += 1
                case .claimLost: summary.lost += 1
                }
            }
        }
        return summary
    }

    /// Runs `concurrency` work loops at once in this process (`name#1`, `name#2`, …), as
    /// ``run(stopWhenEmpty:process:)`` does one, and adds up what they did. The store's pool needs
    /// a connection per loop for the heartbeats to be timely (`?connections=` in the URL).
    public func run(
        stopWhenEmpty: Bool, concurrency: Int,
        process: @escaping @Sendable (QueuedDocument) async throws -> DocumentResult
    ) async throws(StoreError) -> WorkerSummary {
        guard concurrency > 1 else { return try await run(stopWhenEmpty: stopWhenEmpty, process: process) }
        do {
            return try await withThrowingTaskGroup(of: WorkerSummary.self) { group in
                for index in 1...concurrency {
                    var loop = self
                    loop.name = "\(name)#\(index)"
                    group.addTask { try await loop.run(stopWhenEmpty: stopWhenEmpty, process: process) }
                }
                var total = WorkerSummary()
                for try await summary in group {
                    total.completed += summary.completed
                    total.failed += summary.failed
                    total.lost += summary.lost
                }
                return total
            }
        } catch {
            throw StoreError.wrapping(error, server: queue.store.configuration.serverDescription)
        }
    }
}

/// The job a work loop has in hand, shared with its heartbeat task.
private final class CurrentJob: Sendable {
    let job = Mutex<QueuedDocument?>(nil)
}
