import Basics
import Foundation
import Store
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One document for a serving worker: read `file` and either write the result (JSON) to `output`
/// or, for a worker that saves results itself, save it under the batch's key. Sent as one line of
/// JSON on the worker's standard input.
public struct WorkerRequest: Codable, Sendable, Hashable {
    /// The PDF.
    public var file: String
    /// Where the worker writes its result (unless it saves it itself).
    public var output: String
    /// The batch's SHA-256 of the file: the key the result is stored under.
    public var sha256: String?
    /// The file's size when the batch hashed it.
    public var size: Int64?

    /// A request from its parts.
    public init(file: String, output: String, sha256: String? = nil, size: Int64? = nil) {
        self.file = file
        self.output = output
        self.sha256 = sha256
        self.size = size
    }
}

/// A serving worker's answer to one ``WorkerRequest``: one line of JSON on its standard output.
public struct WorkerAnswer: Codable, Sendable, Hashable {
    /// Why the worker wrote no result; `nil` when it wrote one.
    public var error: String?
    /// The summary of the result, when the worker saved the result in the store itself.
    public var stored: DocumentSummary?

    /// An answer: no error and no summary for "the result is written to the output file".
    public init(error: String? = nil, stored: DocumentSummary? = nil) {
        self.error = error
        self.stored = stored
    }

    /// The answer as the worker sends it: JSON and a line feed.
    public var line: [UInt8] {
        let data = (try? JSONEncoder().encode(self)) ?? Data(#"{"error":"unencodable answer"}"#.utf8)
        return Array(data) + [0x0A]
    }
}

/// What became of one request to a worker.
public enum WorkerOutcome: Sendable, Hashable {
    /// The worker answered.
    case answered(WorkerAnswer)
    /// The worker exited by itself with this status before answering.
    case exited(Int32)
    /// A signal ended the worker before it answered (a crash: 11 is SIGSEGV, 4 SIGILL from a Swift
    /// trap, 6 SIGABRT, …).
    case signalled(Int32)
    /// The worker ran past the time limit and was killed (SIGKILL).
    case timedOut
    /// No worker could be started.
    case notStarted(String)
}

/// How to start a serving worker: the executable, its arguments and environment.
public struct WorkerCommand: Sendable {
    /// The executable (`juesuan` itself in a batch).
    public var executable: String
    /// Its arguments (`worker --serve …` in a batch).
    public var arguments: [String]
    /// Its environment; `nil` inherits the caller's.
    public var environment: [String: String]?

    /// A command from its parts.
    public init(executable: String, arguments: [String], environment: [String: String]? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }
}

/// Worker processes that each serve many documents, one at a time: Apache Tika's fork parser. A
/// document is sent as one line on the worker's standard input and answered with one line on its
/// standard output (both ends of one socket pair), so a worker is started once per
/// ``documentsPerWorker`` documents rather than once per document. Whatever a worker does to one
/// document — crash, hang, exhaust memory — ends that worker only: the document is reported as
/// ``WorkerOutcome/signalled(_:)``, ``WorkerOutcome/timedOut`` or ``WorkerOutcome/exited(_:)``,
/// and the slot starts a fresh worker for its next document.
///
/// Each slot has its own serial dispatch queue, on which the blocking exchange with its worker
/// runs (`poll` with the document's deadline), so no task of Swift's cooperative pool blocks and no
/// timer task is made per document.
public final class WorkerPool: Sendable {
    /// How workers are started.
    public let command: WorkerCommand
    /// A worker is replaced after serving this many documents, so that whatever a worker keeps
    /// from one document to the next (caches, fragmentation) stays bounded.
    public let documentsPerWorker: Int
    private let slots: [Slot]
    private let idle: Mutex<[Int]>
    private let started = Atomic<Int>(0)

    /// A pool of `size` slots (at most `size` workers at once). Each worker's standard error goes
    /// to a file in `scratchFolder`, which must exist.
    public init(command: WorkerCommand, size: Int, documentsPerWorker: Int = 200, scratchFolder: String) {
        self.command = command
        self.documentsPerWorker = max(1, documentsPerWorker)
        let count = max(1, size)
        self.slots = (0..<count).map { index in
            Slot(index: index, errorPath: scratchFolder + "/worker-\(index).err")
        }
        self.idle = Mutex(Array((0..<count).reversed()))
    }

    /// How many worker processes the pool has started so far.
    public var launches: Int { started.load(ordering: .relaxed) }

    /// Sends `request` to an idle worker (started if needed) and waits for its answer, at most
    /// `timeout`. Also returns the last line the worker wrote to standard error while serving it.
    /// More concurrent callers than slots wait for a slot.
    public func process(_ request: WorkerRequest, timeout: Duration) async -> (
        outcome: WorkerOutcome, detail: String?
    ) {
        let line = Self.encode(request)
        let index = idle.withLock { $0.popLast() }
        let slot = slots[index ?? Int.random(in: 0..<slots.count)]
        let answer = await withCheckedContinuation { continuation in
            slot.queue.async { [self] in
                let result = slot.worker.withLock { worker in
                    Self.exchange(line, timeout: timeout, worker: &worker, slot: slot, pool: self)
                }
                continuation.resume(returning: result)
            }
        }
        if let index { idle.withLock { $0.append(index) } }
        return answer
    }

    /// Ends every worker: its standard input is closed, so it exits once idle; one that has not
    /// exited a few seconds later is killed.
    public func shutdown() async {
        for slot in slots {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                slot.queue.async {
                    slot.worker.withLock { worker in
                        worker?.stop()
                        worker = nil
                    }
                    continuation.resume()
                }
            }
        }
    }

    // MARK: - The exchange (on a slot's queue)

    /// One request and its answer on `worker` (started first when there is none). A worker that
    /// cannot take the request (it ended while idle) is replaced once.
    private static func exchange(
        _ line: [UInt8], timeout: Duration, worker: inout ServingWorker?, slot: Slot,
        pool: WorkerPool
    ) -> (outcome: WorkerOutcome, detail: String?) {
        for attempt in 0..<2 {
            if worker == nil {
                do {
                    worker = try ServingWorker(command: pool.command, errorPath: slot.errorPath)
                    pool.started.add(1, ordering: .relaxed)
                } catch {
                    return (.notStarted(String(describing: error)), nil)
                }
            }
            guard let current = worker else { continue }
            let errorStart = current.errorOffset()
            if !current.deliver(line) {
                let ended = current.reap()
                worker = nil
                if attempt == 0 { continue }
                return (ended, current.lastErrorLine(from: errorStart))
            }
            // The time starts once the document is handed over: a worker found gone and replaced
            // first does not shorten it.
            let received = current.receiveLine(until: ContinuousClock.now.advanced(by: timeout))
            switch received {
            case .line(let bytes):
                current.served += 1
                if current.served >= pool.documentsPerWorker {
                    current.stop()
                    worker = nil
                }
                let answer =
                    (try? JSONDecoder().decode(WorkerAnswer.self, from: Data(bytes)))
                    ?? WorkerAnswer(error: "unreadable answer from the worker")
                let detail = answer.error == nil ? nil : current.lastErrorLine(from: errorStart)
                return (.answered(answer), detail)
            case .timedOut:
                current.killNow()
                _ = current.reap()
                worker = nil
                return (.timedOut, current.lastErrorLine(from: errorStart))
            case .ended:
                let ended = current.reap()
                worker = nil
                return (ended, current.lastErrorLine(from: errorStart))
            }
        }
        return (.notStarted("the worker ended before it could take the document"), nil)
    }

    /// `request` as one line of JSON.
    private static func encode(_ request: WorkerRequest) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(request)) ?? Data()
        return Array(data) + [0x0A]
    }
}

/// One place in the pool: its queue, its current worker (touched only on the queue) and the file
/// its workers' standard error goes to.
private final class Slot: Sendable {
    let queue: DispatchQueue
    let worker = Mutex<ServingWorker?>(nil)
    let errorPath: String

    init(index: Int, errorPath: String) {
        self.queue = DispatchQueue(label: "juesuan.worker.\(index)")
        self.errorPath = errorPath
    }
}

/// Why ``ServingWorker`` could not be started.
struct WorkerStartError: JuesuanError, CustomStringConvertible {
    var description: String
    var message: String { description }
}

/// One running worker process and the parent's end of the socket that is its standard input and
/// output. Used only on its slot's queue.
private final class ServingWorker {
    let process: Process
    let socket: Int32
    var served = 0
    let errorPath: String
    private var buffer: [UInt8] = []
    private let ended: DispatchSemaphore

    /// What ``receiveLine(until:)`` got.
    enum Received {
        case line([UInt8])
        case timedOut
        case ended
    }

    /// Held while a worker is started. Foundation's `Process` closes a child's inherited
    /// descriptors by scanning for the highest one before it spawns, so a descriptor opened by
    /// another thread in between leaks into that child. Its own end of the status socket it
    /// watches for the child's end is such a descriptor: a worker holding another worker's status
    /// socket would keep that worker's end from being seen. Starting one worker at a time closes
    /// that window for the pool's own children; the worker's socket and error file are
    /// close-on-exec besides, so no other child anywhere can inherit them.
    private static let starting = Mutex<Void>(())

    init(command: WorkerCommand, errorPath: String) throws {
        let ended = DispatchSemaphore(value: 0)
        (process, socket) = try Self.starting.withLock { _ in
            try Self.start(command, errorPath: errorPath, ended: ended)
        }
        self.ended = ended
        self.errorPath = errorPath
    }

    /// Starts `command` with one end of a new socket pair as its standard input and output, and
    /// `errorPath` (created or emptied) as its standard error; returns it and the other end.
    private static func start(
        _ command: WorkerCommand, errorPath: String, ended: DispatchSemaphore
    ) throws -> (Process, Int32) {
        var ends: [Int32] = [-1, -1]
        #if canImport(Glibc)
            let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let streamType = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, streamType, 0, &ends) == 0 else {
            throw WorkerStartError(description: "socketpair: \(String(cString: strerror(errno)))")
        }
        #if !canImport(Glibc)
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        #endif
        // The child gets its end through dup2 onto descriptors 0 and 1, which are not close-on-exec.
        let childEnd = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        let errorDescriptor = open(errorPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard errorDescriptor >= 0 else {
            close(ends[0])
            throw WorkerStartError(description: "\(errorPath): cannot be created")
        }
        let errorHandle = FileHandle(fileDescriptor: errorDescriptor, closeOnDealloc: true)
        defer {
            try? childEnd.close()
            try? errorHandle.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        if let environment = command.environment { process.environment = environment }
        process.standardInput = childEnd
        process.standardOutput = childEnd
        process.standardError = errorHandle
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            close(ends[0])
            throw WorkerStartError(description: String(describing: error))
        }
        return (process, ends[0])
    }

    deinit {
        close(socket)
    }

    /// Writes `line` whole; false when the worker is gone.
    func deliver(_ line: [UInt8]) -> Bool {
        var sent = 0
        while sent < line.count {
            let count = line.withUnsafeBytes { bytes in
                send(socket, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            sent += count
        }
        return true
    }

    /// Reads up to the next line feed, waiting at most until `deadline`.
    func receiveLine(until deadline: ContinuousClock.Instant) -> Received {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                return .line(line)
            }
            let left = ContinuousClock.now.duration(to: deadline)
            if left <= .zero { return .timedOut }
            let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: milliseconds))
            if ready < 0 {
                if errno == EINTR { continue }
                return .ended
            }
            if ready == 0 { continue }
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress!, $0.count, 0) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .ended
            }
            if count == 0 { return .ended }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    /// Kills the worker (SIGKILL).
    func killNow() {
        _ = kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the worker to end (killing it when it has not a few seconds after its output
    /// ended) and says how it ended.
    ///
    /// Foundation learns of a child's end only when every process holding the child's end of its
    /// status socket has ended, and that socket leaks into any child another thread starts at the
    /// same moment (or into a grandchild the worker left behind). So the end is read from the
    /// kernel as well, without reaping the child (`waitid` with `WNOWAIT`: Foundation still reaps
    /// it), and the wait is bounded: a worker not seen to end after it was killed counts as killed.
    func reap() -> WorkerOutcome {
        for round in 0..<2 {
            if round == 1 { killNow() }
            let giveUp = DispatchTime.now() + 5
            repeat {
                switch exitState() {
                case .ended(let outcome): return outcome
                case .reaped:
                    // Foundation has reaped it: the status is Foundation's, now or in a moment.
                    return ended.wait(timeout: .now() + 5) == .success ? statusSeenByFoundation : .signalled(SIGKILL)
                case .running:
                    if ended.wait(timeout: .now() + .milliseconds(20)) == .success { return statusSeenByFoundation }
                }
            } while DispatchTime.now() < giveUp
        }
        return .signalled(SIGKILL)
    }

    /// How the worker ended, once Foundation has seen it end.
    private var statusSeenByFoundation: WorkerOutcome {
        process.terminationReason == .uncaughtSignal
            ? .signalled(process.terminationStatus) : .exited(process.terminationStatus)
    }

    /// Where the worker process is, as the kernel sees it.
    private enum ExitState {
        case running
        /// It ended, and is not reaped yet.
        case ended(WorkerOutcome)
        /// It ended and Foundation has reaped it.
        case reaped
    }

    /// Asks the kernel whether the worker has ended, leaving it unreaped.
    private func exitState() -> ExitState {
        #if canImport(Glibc)
            var info = siginfo_t()
            let found = waitid(P_PID, id_t(process.processIdentifier), &info, WEXITED | WNOHANG | WNOWAIT)
            if found != 0 { return errno == ECHILD ? .reaped : .running }
            let child = info._sifields._sigchld
            guard child.si_pid != 0 else { return .running }
            return info.si_code == Int32(CLD_EXITED)
                ? .ended(.exited(child.si_status)) : .ended(.signalled(child.si_status))
        #else
            return .running
        #endif
    }

    /// Closes the worker's input, so that it exits, and waits for it (killing it after a few seconds).
    func stop() {
        shutdown(socket, Int32(SHUT_WR))
        _ = reap()
    }

    /// The size of the standard error file now.
    func errorOffset() -> UInt64 {
        var info = stat()
        return stat(errorPath, &info) == 0 ? UInt64(info.st_size) : 0
    }

    /// The last non-empty line written to standard error after `offset`.
    func lastErrorLine(from offset: UInt64) -> String? {
        guard let handle = FileHandle(forReadingAtPath: errorPath) else { return nil }
        defer { try? handle.close() }
        let end = (try? handle.seekToEnd()) ?? 0
        guard end > offset else { return nil }
        let start = max(offset, end > 4096 ? end - 4096 : 0)
        try? handle.seek(toOffset: start)
        guard let data = try? handle.readToEnd(), !data.isEmpty else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init)
    }
}
