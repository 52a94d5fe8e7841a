import Basics

/// Why a PDF could not be read. Each message says what is wrong and what to do.
public enum PDFError: JuesuanError, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    case notAPDF(path: String)
    case truncated(path: String)
    case damaged(path: String, detail: String)
    case passwordRequired(path: String)
    case wrongPassword(path: String)
    case noTextLayer(path: String)
    case pageOutOfRange(page: Int, pageCount: Int)

    public var message: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file; check the path"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason)); check that it is a readable file"
        case .emptyFile(let path):
            return "\(path): empty file (0 bytes); fetch or copy it again"
        case .notAPDF(let path):
            return "\(path): not a PDF (no %PDF- header); give the report's PDF file"
        case .truncated(let path):
            return "\(path): damaged: the file is truncated (no %%EOF trailer); download it again"
        case .damaged(let path, let detail):
            return "\(path): damaged PDF (\(detail)); download it again or repair it"
        case .passwordRequired(let path):
            return "\(path): encrypted: a password is required; pass it with --password"
        case .wrongPassword(let path):
            return "\(path): encrypted: the password is wrong; pass the right one with --password"
        case .noTextLayer(let path):
            return "\(path): no text layer: scanned? OCR is not supported yet"
        case .pageOutOfRange(let page, let pageCount):
            return "page \(page) is out of range: the document has \(pageCount) page\(pageCount == 1 ? "" : "s") (1…\(pageCount))"
        }
    }
}
