import AsyncHTTPClient
import Basics
import FoundationEssentials
import Logging

/// What the server answered to one (possibly conditional) GET, after redirects.
enum FetchResponse: Sendable {
    /// `304 Not Modified`: the stored copy is current.
    case notModified(finalURL: String)
    /// A `2xx` answer with its body.
    case body(FetchedBody)
}

/// A fetched body and the headers the archive keeps.
struct FetchedBody: Sendable {
    var finalURL: String
    var status: Int
    var etag: String?
    var lastModified: String?
    var contentDisposition: String?
    var contentType: String?
    var bytes: [UInt8]
}

/// Why a fetch failed, in words for the failure list.
struct FetchFailure: JuesuanError, CustomStringConvertible {
    var message: String
    /// 5xx, 429, timeouts and broken connections are tried again; the rest are final.
    var retryable: Bool
    /// The HTTP status, when the server answered.
    var status: Int?
}

/// Polite HTTP GETs: per-host slots and delays (``HostGate``), a timeout per request, retries with
/// exponential backoff, redirects followed by hand and only to the source's hosts, and a body limit.
struct Fetcher: Sendable {
    let client: HTTPClient
    let gate: HostGate
    let logger: Logger

    /// The validators of a stored copy, sent as `If-None-Match` and `If-Modified-Since`.
    struct Validators: Sendable {
        var etag: String?
        var lastModified: String?
    }

    /// GETs `url`, retrying what is worth retrying.
    func get(
        _ url: String, validators: Validators?, allowedHosts: Set<String>, politeness: Politeness
    ) async throws(FetchFailure) -> FetchResponse {
        var attempt = 0
        while true {
            do {
                return try await getOnce(
                    url, validators: validators, allowedHosts: allowedHosts, politeness: politeness)
            } catch let failure where failure.retryable && attempt < politeness.retries {
                let wait = politeness.backoff * (1 << attempt)
                logger.info("retrying \(url) in \(wait): \(failure.message)")
                attempt += 1
                try? await Task.sleep(for: wait)
            } catch {
                if attempt > 0 {
                    throw FetchFailure(
                        message: "\(error.message) (after \(attempt + 1) attempts)", retryable: false,
                        status: error.status)
                }
                throw error
            }
        }
    }

    private func getOnce(
        _ url: String, validators: Validators?, allowedHosts: Set<String>, politeness: Politeness
    ) async throws(FetchFailure) -> FetchResponse {
        var current = url
        for _ in 0...5 {
            guard let host = SourcesFile.httpHost(current) else {
                throw FetchFailure(message: "not an http(s) URL: \(current)", retryable: false)
            }
            guard allowedHosts.contains(host) else {
                throw FetchFailure(
                    message: "redirected to \(current), whose host \(host) is not one of the source's hosts",
                    retryable: false)
            }
            var request = HTTPClientRequest(url: current)
            request.method = .GET
            request.headers.add(name: "User-Agent", value: politeness.userAgent)
            request.headers.add(name: "Accept", value: "application/pdf, text/html;q=0.9, */*;q=0.5")
            if let etag = validators?.etag { request.headers.add(name: "If-None-Match", value: etag) }
            if let modified = validators?.lastModified {
                request.headers.add(name: "If-Modified-Since", value: modified)
            }
            await gate.acquire(host: host)
            let outcome: Result<Hop, FetchFailure>
            do {
                outcome = .success(try await hop(request, politeness: politeness))
            } catch {
                outcome = .failure(error)
            }
            await gate.release(host: host)
            switch outcome {
            case .failure(let failure): throw failure
            case .success(.redirect(let location)):
                guard
                    let next = URL(string: location, relativeTo: URL(string: current))?.absoluteURL
                        .absoluteString
                else {
                    throw FetchFailure(
                        message: "a redirect to an unreadable Location: \(location)", retryable: false)
                }
                current = next
            case .success(.notModified): return .notModified(finalURL: current)
            case .success(.body(var body)):
                body.finalURL = current
                return .body(body)
            }
        }
        throw FetchFailure(message: "more than 5 redirects", retryable: false)
    }

    private enum Hop {
        case redirect(String)
        case notModified
        case body(FetchedBody)
    }

    private func hop(_ request: HTTPClientRequest, politeness: Politeness) async throws(FetchFailure)
        -> Hop
    {
        let (seconds, attoseconds) = politeness.timeout.components
        let nanos = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        let timeoutText = "\(nanos / 1_000_000) ms"
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(nanos), logger: logger)
            let status = Int(response.status.code)
            let headers = response.headers
            switch status {
            case 304:
                return .notModified
            case 301, 302, 303, 307, 308:
                guard let location = headers.first(name: "Location") else {
                    throw FetchFailure(
                        message: "HTTP \(status) without a Location", retryable: false, status: status)
                }
                return .redirect(location)
            case 200..<300:
                if let length = headers.first(name: "Content-Length").flatMap({ Int($0) }),
                    length > politeness.maxBytes
                {
                    throw FetchFailure(
                        message: "the body (\(length) bytes) is larger than max_bytes (\(politeness.maxBytes))",
                        retryable: false, status: status)
                }
                var bytes: [UInt8] = []
                for try await chunk in response.body {
                    guard bytes.count + chunk.readableBytes <= politeness.maxBytes else {
                        throw FetchFailure(
                            message: "the body is larger than max_bytes (\(politeness.maxBytes))",
                            retryable: false,
                            status: status)
                    }
                    bytes.append(contentsOf: chunk.readableBytesView)
                }
                return .body(
                    FetchedBody(
                        finalURL: request.url, status: status, etag: headers.first(name: "ETag"),
                        lastModified: headers.first(name: "Last-Modified"),
                        contentDisposition: headers.first(name: "Content-Disposition"),
                        contentType: headers.first(name: "Content-Type"), bytes: bytes))
            case 429, 500..<600:
                // 429 Too Many Requests: the site asks us to slow down, so it gets the same backoff as a 5xx.
                throw FetchFailure(message: "HTTP \(status)", retryable: true, status: status)
            default:
                throw FetchFailure(message: "HTTP \(status)", retryable: false, status: status)
            }
        } catch let failure as FetchFailure {
            throw failure
        } catch let error as HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                throw FetchFailure(message: "timed out after \(timeoutText)", retryable: true)
            }
            throw FetchFailure(message: "\(error)", retryable: error != .cancelled)
        } catch {
            throw FetchFailure(message: "\(error)", retryable: !(error is CancellationError))
        }
    }
}
