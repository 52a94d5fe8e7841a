import Basics
import FoundationEssentials

#if canImport(Glibc)
    // Glibc for flock(2): an advisory lock on the archive's lock file, which Foundation does not offer.
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the archive cannot be used.
public struct ArchiveError: JuesuanError, CustomStringConvertible {
    /// What went wrong, naming the path.
    public var message: String
}

/// The folder of fetched files. Layout:
///
/// - `objects/ab/abcdef….pdf`: each distinct file once, named by its SHA-256;
/// - `names/SOURCE/NAME~12345678.pdf`: a relative symbolic link per published URL, with a
///   readable name derived safely from the URL or `Content-Disposition` (``SafeName``);
/// - `.tmp/`: downloads being written (renamed into `objects/` when complete);
/// - `.lock`: the lock file that keeps two runs apart.
///
/// Nothing is ever written outside the folder: every path is built from a SHA-256, a checked
/// source name and a ``SafeName``, and checked again to lie under the root.
public struct Archive: Sendable {
    /// The archive folder, absolute and standardized.
    public let root: String

    /// Opens (creating when needed) the archive folder.
    public init(path: String) throws(ArchiveError) {
        var absolute = path
        if !absolute.hasPrefix("/") {
            absolute = FileManager.default.currentDirectoryPath + "/" + absolute
        }
        root = URL(fileURLWithPath: absolute).standardizedFileURL.path
        do {
            for folder in ["", "/objects", "/names", "/.tmp"] {
                try FileManager.default.createDirectory(
                    atPath: root + folder, withIntermediateDirectories: true)
            }
        } catch {
            throw ArchiveError(message: "\(path): cannot create the archive folder")
        }
    }

    /// The path of a stored object.
    public func objectPath(sha256: String) -> String {
        "\(root)/objects/\(sha256.prefix(2))/\(sha256).pdf"
    }

    /// The relative path (from the archive's root) of a readable name.
    public static func namePath(source: String, fileName: String) -> String {
        "names/\(source)/\(fileName)"
    }

    /// Stores `bytes` under their SHA-256 (once: an existing object is kept) and returns the object's path.
    public func storeObject(_ bytes: [UInt8], sha256: String) throws(ArchiveError) -> String {
        let target = objectPath(sha256: sha256)
        try checkInside(target)
        if FileManager.default.fileExists(atPath: target) { return target }
        // One temporary file per write: the same PDF may arrive from two URLs at once.
        let temporary = "\(root)/.tmp/\(sha256).\(getpid()).\(UUID().uuidString).part"
        do {
            try FileManager.default.createDirectory(
                atPath: "\(root)/objects/\(sha256.prefix(2))", withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, target) != 0 && !FileManager.default.fileExists(atPath: target) {
                throw ArchiveError(message: "rename failed")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ArchiveError(message: "\(target): cannot write the file")
        }
        return target
    }

    /// Points the readable name `relative` (from ``namePath(source:fileName:)``) at an object,
    /// replacing an older link atomically. Returns the name's absolute path.
    @discardableResult
    public func link(_ relative: String, to sha256: String) throws(ArchiveError) -> String {
        let path = "\(root)/\(relative)"
        try checkInside(path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let depth = relative.split(separator: "/").count - 1
        let destination =
            String(repeating: "../", count: depth) + "objects/\(sha256.prefix(2))/\(sha256).pdf"
        // One temporary name per call: two URLs of the same PDF may be linked at once.
        let temporary = "\(root)/.tmp/link.\(getpid()).\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if symlink(destination, temporary) != 0 { throw ArchiveError(message: "symlink failed") }
            if rename(temporary, path) != 0 { throw ArchiveError(message: "rename failed") }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ArchiveError(message: "\(path): cannot link the readable name")
        }
        return path
    }

    /// Throws unless `path` lies strictly inside the archive (after resolving `.` and `..`).
    func checkInside(_ path: String) throws(ArchiveError) {
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        guard standardized.hasPrefix(root + "/"), !standardized.split(separator: "/").contains("..")
        else {
            throw ArchiveError(message: "\(path): refusing to write outside the archive \(root)")
        }
    }

    /// Removes partial downloads and links left in `.tmp/` by a run that was killed (call under the lock).
    public func removeLeftovers() {
        let folder = "\(root)/.tmp"
        for item in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            try? FileManager.default.removeItem(atPath: "\(folder)/\(item)")
        }
    }

    /// An exclusive advisory lock on the archive (`flock` on `.lock`), held until ``ArchiveLock/release()``.
    /// Polls every 200 ms until `timeout`; throws when another run still holds it then.
    public func lock(timeout: Duration) async throws(ArchiveError) -> ArchiveLock {
        let path = "\(root)/.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ArchiveError(message: "\(path): cannot open the lock file") }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, clock.now < deadline else {
                close(descriptor)
                throw ArchiveError(message: "\(root): another scrape holds the archive's lock (\(path))")
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return ArchiveLock(descriptor: descriptor)
    }
}

/// A held archive lock; released explicitly (or when the process ends).
public final class ArchiveLock: Sendable {
    private let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Releases the lock.
    public func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
