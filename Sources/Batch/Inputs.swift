import Basics
import Foundation

/// Why a batch cannot start.
public struct BatchError: JuesuanError, Hashable, CustomStringConvertible {
    public var message: String

    /// An error with its message.
    public init(_ message: String) { self.message = message }

}

/// The documents a batch reads: every `*.pdf` under the folders given, and files given by name.
public enum Inputs {
    /// The PDF files of `paths`: folders are walked recursively (following symbolic links to files,
    /// case-insensitive `.pdf`); a file named on its own is taken whatever its name. Sorted, no repeats.
    public static func pdfs(in paths: [String]) throws(BatchError) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw BatchError("\(path): no such file or folder; check the path")
            }
            guard isFolder.boolValue else {
                found.append(path)
                continue
            }
            guard let walker = manager.enumerator(atPath: path) else {
                throw BatchError("\(path): cannot read the folder")
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            var inFolder: [String] = []
            while let relative = walker.nextObject() as? String {
                guard relative.lowercased().hasSuffix(".pdf") else { continue }
                let full = base + "/" + relative
                var isSubfolder: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &isSubfolder), !isSubfolder.boolValue {
                    inFolder.append(full)
                }
            }
            found += inFolder.sorted()
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0).inserted }
    }
}
