import Basics
import FoundationEssentials
import Yams

/// How politely one source is fetched. Every field can be set in the file's top-level
/// `politeness:` mapping and overridden per source.
public struct Politeness: Sendable, Hashable {
    /// The least time between the starts of two requests to one host.
    public var delay: Duration = .seconds(1)
    /// How many requests run at once against one host.
    public var concurrency: Int = 2
    /// How long one request (one redirect hop) may take, body included.
    public var timeout: Duration = .seconds(60)
    /// The largest body accepted, in bytes.
    public var maxBytes: Int = 64 * 1024 * 1024
    /// How many times a request that failed with a 5xx status, a timeout or a broken connection is tried again.
    public var retries: Int = 3
    /// The wait before the first retry; each further retry waits twice as long.
    public var backoff: Duration = .seconds(2)
    /// The `User-Agent` header sent.
    public var userAgent: String = "juesuan-scrape/0.1 (+final-accounts archive)"

    /// The defaults: 1 s between requests, 2 at once, 60 s timeout, 64 MiB, 3 retries from 2 s.
    public init() {}
}

/// One publishing site (or list of files) to archive.
public struct Source: Sendable, Hashable {
    /// What to fetch.
    public enum Kind: Sendable, Hashable {
        /// An index page whose links matching `pattern` (searched in the absolute URL) are the PDFs.
        case index(url: String, pattern: String)
        /// A fixed list of PDF URLs.
        case urls([String])
    }

    /// The source's name: unique in the file, also the folder of its readable names in the archive.
    public var name: String
    /// What to fetch.
    public var kind: Kind
    /// The department (entity) the source's reports are for, when the file says.
    public var department: String?
    /// A regular expression whose first capture group (or whole match) is the year, searched in
    /// the decoded URL and then in the link's text.
    public var yearPattern: String?
    /// The hosts a request may be redirected to: the source's own URLs' hosts and those listed in `hosts:`.
    public var hosts: Set<String>
    /// How politely to fetch.
    public var politeness: Politeness

    /// A source from its fields.
    public init(
        name: String, kind: Kind, department: String? = nil, yearPattern: String? = nil,
        hosts: Set<String>,
        politeness: Politeness = Politeness()
    ) {
        self.name = name
        self.kind = kind
        self.department = department
        self.yearPattern = yearPattern
        self.hosts = hosts
        self.politeness = politeness
    }
}

/// A sources file that cannot be used: the message names the file and the problem.
public struct SourcesFileError: JuesuanError, CustomStringConvertible {
    /// `FILE: problem`, ready for an `error:` line.
    public var message: String
}

/// The YAML file listing what to scrape (`juesuan scrape --sources FILE`). See docs/scrape.md.
public enum SourcesFile {
    /// The default pattern for an index page's links: URLs ending in `.pdf` (before any query).
    public static let defaultLinkPattern = #"(?i)\.pdf([?#].*)?$"#

    /// Reads and checks a sources file.
    public static func read(path: String) throws(SourcesFileError) -> [Source] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SourcesFileError(message: "\(path): cannot read the sources file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SourcesFileError(message: "\(path): the sources file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses and checks the text of a sources file; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(SourcesFileError) -> [Source] {
        func fail(_ problem: String) -> SourcesFileError {
            SourcesFileError(message: "\(file): \(problem)")
        }
        let root: Any?
        do {
            root = try Yams.load(yaml: text)
        } catch {
            let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "not YAML"
            throw fail("not valid YAML: \(first)")
        }
        guard let top = root as? [String: Any] else {
            throw fail("expected a mapping with a `sources:` list at the top")
        }
        try checkKeys(top, allowed: ["sources", "politeness"], at: "the top level", fail: fail)
        var defaults = Politeness()
        if let politeness = top["politeness"] {
            defaults = try parsePoliteness(politeness, base: defaults, at: "politeness", fail: fail)
        }
        guard let list = top["sources"] as? [Any], !list.isEmpty else {
            throw fail("`sources:` must be a non-empty list")
        }
        var sources: [Source] = []
        var names: Set<String> = []
        for (index, item) in list.enumerated() {
            let place = "sources[\(index)]"
            guard let entry = item as? [String: Any] else { throw fail("\(place) is not a mapping") }
            try checkKeys(
                entry,
                allowed: [
                    "name", "index", "link_pattern", "urls", "department", "year_pattern", "hosts",
                    "politeness",
                ],
                at: place, fail: fail)
            guard let name = entry["name"] as? String, isSafeName(name) else {
                throw fail(
                    "\(place) needs a `name:` of letters, digits, `.`, `-` or `_` (not starting with `.`)")
            }
            guard names.insert(name).inserted else {
                throw fail("\(place): the name \(name) is used twice")
            }
            let at = "source \(name)"
            var hosts: Set<String> = []
            let kind: Source.Kind
            switch (entry["index"], entry["urls"]) {
            case (let index?, nil):
                guard let url = index as? String, let host = httpHost(url) else {
                    throw fail("\(at): `index:` must be an http(s) URL")
                }
                hosts.insert(host)
                let pattern =
                    try string(entry["link_pattern"], key: "link_pattern", at: at, fail: fail)
                    ?? defaultLinkPattern
                try checkRegex(pattern, key: "link_pattern", at: at, fail: fail)
                kind = .index(url: url, pattern: pattern)
            case (nil, let urls?):
                guard let urls = urls as? [Any], !urls.isEmpty else {
                    throw fail("\(at): `urls:` must be a non-empty list")
                }
                var list: [String] = []
                for (position, value) in urls.enumerated() {
                    guard let url = value as? String, let host = httpHost(url) else {
                        throw fail("\(at): urls[\(position)] is not an http(s) URL")
                    }
                    hosts.insert(host)
                    list.append(url)
                }
                if entry["link_pattern"] != nil {
                    throw fail("\(at): `link_pattern:` needs `index:`, not `urls:`")
                }
                kind = .urls(list)
            case (nil, nil): throw fail("\(at) needs either `index:` or `urls:`")
            case (_?, _?): throw fail("\(at) has both `index:` and `urls:`; use one")
            }
            if let extra = entry["hosts"] {
                guard let extra = extra as? [Any] else {
                    throw fail("\(at): `hosts:` must be a list of host names")
                }
                for value in extra {
                    guard let host = value as? String, !host.isEmpty, !host.contains("/") else {
                        throw fail("\(at): `hosts:` must be a list of host names")
                    }
                    hosts.insert(host.lowercased())
                }
            }
            let yearPattern = try string(entry["year_pattern"], key: "year_pattern", at: at, fail: fail)
            if let yearPattern { try checkRegex(yearPattern, key: "year_pattern", at: at, fail: fail) }
            var politeness = defaults
            if let value = entry["politeness"] {
                politeness = try parsePoliteness(value, base: defaults, at: "\(at): politeness", fail: fail)
            }
            sources.append(
                Source(
                    name: name, kind: kind,
                    department: try string(entry["department"], key: "department", at: at, fail: fail),
                    yearPattern: yearPattern, hosts: hosts, politeness: politeness))
        }
        return sources
    }

    /// Whether a source name is safe as one folder name: letters, digits, `.`, `-`, `_`, not starting with `.`.
    static func isSafeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != ".", name.unicodeScalars.count <= 100
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "." || $0 == "-" || $0 == "_" || $0.properties.isAlphabetic
                || $0.properties.numericType != nil
        }
    }

    /// The lowercased host of an `http` or `https` URL.
    static func httpHost(_ string: String) -> String? {
        guard let url = URL(string: string), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            let host = url.host(percentEncoded: false), !host.isEmpty
        else { return nil }
        return host.lowercased()
    }

    private static func checkKeys(
        _ mapping: [String: Any], allowed: Set<String>, at place: String,
        fail: (String) -> SourcesFileError
    ) throws(SourcesFileError) {
        if let unknown = mapping.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw fail(
                "\(place): unknown key `\(unknown):` (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    private static func string(
        _ value: Any?, key: String, at place: String, fail: (String) -> SourcesFileError
    ) throws(SourcesFileError) -> String? {
        guard let value else { return nil }
        guard let text = value as? String, !text.isEmpty else {
            throw fail("\(place): `\(key):` must be a non-empty string")
        }
        return text
    }

    private static func checkRegex(
        _ pattern: String, key: String, at place: String, fail: (String) -> SourcesFileError
    ) throws(SourcesFileError) {
        do {
            _ = try Regex(pattern)
        } catch {
            throw fail("\(place): `\(key):` is not a valid regular expression")
        }
    }

    private static func parsePoliteness(
        _ value: Any, base: Politeness, at place: String, fail: (String) -> SourcesFileError
    ) throws(SourcesFileError) -> Politeness {
        guard let mapping = value as? [String: Any] else { throw fail("\(place) must be a mapping") }
        try checkKeys(
            mapping,
            allowed: [
                "delay", "concurrency", "timeout", "max_bytes", "retries", "backoff", "user_agent",
            ],
            at: place, fail: fail)
        var result = base
        func seconds(_ key: String) throws(SourcesFileError) -> Duration? {
            guard let raw = mapping[key] else { return nil }
            let millis: Int
            if let whole = raw as? Int {
                millis = whole * 1000
            } else if let fraction = raw as? Double, fraction.isFinite {
                // Seconds in the file are a setting, not money: milliseconds are exact enough.
                millis = Int((fraction * 1000).rounded())
            } else {
                throw fail("\(place): `\(key):` must be a number of seconds")
            }
            guard millis >= 0, millis <= 86_400_000 else {
                throw fail("\(place): `\(key):` must be between 0 and 86400 seconds")
            }
            return .milliseconds(millis)
        }
        func count(_ key: String, _ range: ClosedRange<Int>) throws(SourcesFileError) -> Int? {
            guard let raw = mapping[key] else { return nil }
            guard let number = raw as? Int, range.contains(number) else {
                throw fail(
                    "\(place): `\(key):` must be a whole number from \(range.lowerBound) to \(range.upperBound)"
                )
            }
            return number
        }
        if let delay = try seconds("delay") { result.delay = delay }
        if let timeout = try seconds("timeout") {
            guard timeout > .zero else { throw fail("\(place): `timeout:` must be more than 0 seconds") }
            result.timeout = timeout
        }
        if let backoff = try seconds("backoff") { result.backoff = backoff }
        if let concurrency = try count("concurrency", 1...64) { result.concurrency = concurrency }
        if let retries = try count("retries", 0...10) { result.retries = retries }
        if let maxBytes = try count("max_bytes", 5...(4 << 30)) { result.maxBytes = maxBytes }
        if let agent = mapping["user_agent"] {
            guard let agent = agent as? String, !agent.isEmpty, !agent.contains(where: \.isNewline) else {
                throw fail("\(place): `user_agent:` must be one line of text")
            }
            result.userAgent = agent
        }
        return result
    }
}
