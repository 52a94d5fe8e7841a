import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a worker process ended.
public enum WorkerExit: Sendable, Hashable {
    /// It exited by itself with this status.
    case exited(Int32)
    /// A signal ended it (a crash: 11 is SIGSEGV, 4 SIGILL from a Swift trap, 6 SIGABRT, …).
    case signalled(Int32)
    /// It ran past its time limit and was killed.
    case timedOut
    /// It could not be started.
    case notStarted(String)
}

/// Runs one worker process with a time limit: standard input and output closed, standard error to a
/// file. The child is a separate process, so whatever it does (crash, hang, exhaust memory) cannot
/// take the batch down with it.
public enum WorkerProcess {
    /// Runs `executable arguments…` and waits for it, killing it (SIGKILL) after `timeout`.
    public static func run(
        executable: String, arguments: [String], environment: [String: String]? = nil,
        timeout: Duration,
        standardError: String? = nil
    ) async -> WorkerExit {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        var errorHandle: FileHandle? = nil
        if let standardError, FileManager.default.createFile(atPath: standardError, contents: nil),
            let handle = FileHandle(forWritingAtPath: standardError)
        {
            errorHandle = handle
            process.standardError = handle
        } else {
            process.standardError = FileHandle.nullDevice
        }
        defer { try? errorHandle?.close() }
        let box = ProcessBox(process)
        let exit: WorkerExit = await withCheckedContinuation { continuation in
            process.terminationHandler = { finished in
                let reason = finished.terminationReason
                let status = finished.terminationStatus
                continuation.resume(
                    returning: reason == .uncaughtSignal ? .signalled(status) : .exited(status))
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: .notStarted(String(describing: error)))
                return
            }
            let pid = process.processIdentifier
            let timer = Task {
                try await Task.sleep(for: timeout)
                box.timedOut.withLock { $0 = true }
                if box.process.isRunning { kill(pid, SIGKILL) }
            }
            box.timer.withLock { $0 = timer }
        }
        box.timer.withLock { $0?.cancel() }
        if box.timedOut.withLock({ $0 }), case .signalled(SIGKILL) = exit { return .timedOut }
        return exit
    }
}

/// The process, its timer and whether the timer fired, shared with the timer task.
private final class ProcessBox: Sendable {
    let process: Process
    let timer = Mutex<Task<Void, any Error>?>(nil)
    let timedOut = Mutex(false)

    init(_ process: Process) { self.process = process }
}
