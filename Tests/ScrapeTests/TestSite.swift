import Foundation
import Hummingbird
import Logging

/// One request as the test server saw it.
struct SeenRequest: Sendable {
    var path: String
    var host: String
    var ifNoneMatch: String?
    var ifModifiedSince: String?
    var conditional: Bool { ifNoneMatch != nil || ifModifiedSince != nil }
}

/// What the test server answers for a path.
enum Page: Sendable {
    /// A body with optional validators (answered 304 when the request's validators match).
    case file(
        body: [UInt8], contentType: String, etag: String?, lastModified: String?,
        disposition: String? = nil)
    /// `status` with a `Location`.
    case redirect(status: Int, location: String)
    /// A bare status.
    case status(Int)
    /// `failures` times `status` (500 unless said), then `page`.
    case flaky(failures: Int, status: Int = 500, page: Box)
    /// Waits, then answers `page`.
    case slow(milliseconds: Int, page: Box)
    /// `bytes` zero bytes after `%PDF-`, streamed in chunks without a Content-Length.
    case stream(bytes: Int)
}

/// Indirection for recursive pages.
final class Box: Sendable {
    let page: Page
    init(_ page: Page) { self.page = page }
}

/// The pages and the request log of a test site; pages can change between runs.
actor Site {
    private(set) var pages: [String: Page] = [:]
    private(set) var requests: [SeenRequest] = []
    private var hits: [String: Int] = [:]

    func set(_ path: String, _ page: Page) { pages[path] = page }
    func clearLog() { requests = [] }

    func respond(path: String, host: String, ifNoneMatch: String?, ifModifiedSince: String?) async
        -> Response
    {
        requests.append(
            SeenRequest(
                path: path, host: host, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince))
        hits[path, default: 0] += 1
        guard let page = pages[path] else { return Response(status: .notFound) }
        return await answer(
            page, hit: hits[path]!, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince)
    }

    private func answer(_ page: Page, hit: Int, ifNoneMatch: String?, ifModifiedSince: String?) async
        -> Response
    {
        switch page {
        case .file(let body, let contentType, let etag, let lastModified, let disposition):
            if let etag, ifNoneMatch == etag { return Response(status: .notModified) }
            if etag == nil, let lastModified, ifModifiedSince == lastModified {
                return Response(status: .notModified)
            }
            var headers = HTTPFields()
            headers[.contentType] = contentType
            if let etag { headers[.eTag] = etag }
            if let lastModified { headers[.lastModified] = lastModified }
            if let disposition { headers[.contentDisposition] = disposition }
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        case .redirect(let status, let location):
            var headers = HTTPFields()
            headers[.location] = location
            return Response(status: .init(code: status), headers: headers)
        case .status(let code):
            return Response(status: .init(code: code))
        case .flaky(let failures, let status, let box):
            if hit <= failures { return Response(status: .init(code: status)) }
            return await answer(
                box.page, hit: hit, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince)
        case .slow(let milliseconds, let box):
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return await answer(
                box.page, hit: hit, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince)
        case .stream(let count):
            var headers = HTTPFields()
            headers[.contentType] = "application/pdf"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(bytes: Array("%PDF-".utf8)))
                    var sent = 0
                    while sent < count {
                        let chunk = min(1000, count - sent)
                        try await writer.write(ByteBuffer(bytes: [UInt8](repeating: 0x20, count: chunk)))
                        sent += chunk
                    }
                    try await writer.finish(nil)
                })
        }
    }
}

/// A Hummingbird server on 127.0.0.1 and a free port, serving a ``Site``; stopped by ``stop()``.
final class TestServer: Sendable {
    let site = Site()
    let port: Int
    private let task: Task<Void, any Error>

    private actor PortBox {
        var port: Int?
        func set(_ value: Int?) { port = value }
    }

    init() async throws {
        let site = self.site
        let router = Router()
        router.get("**") { request, _ -> Response in
            await site.respond(
                path: request.uri.path, host: request.head.authority ?? "",
                ifNoneMatch: request.headers[.ifNoneMatch],
                ifModifiedSince: request.headers[.ifModifiedSince])
        }
        let box = PortBox()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in await box.set(channel.localAddress?.port) },
            logger: {
                var logger = Logger(label: "test-site")
                logger.logLevel = .critical
                return logger
            }())
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var found: Int?
        for _ in 0..<500 {
            found = await box.port
            if found != nil { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        guard let found else { throw CancellationError() }
        port = found
    }

    /// `http://127.0.0.1:PORT` + path.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
