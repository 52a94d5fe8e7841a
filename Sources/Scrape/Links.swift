import FoundationEssentials

/// A link found on an index page.
public struct Link: Sendable, Hashable {
    /// The absolute URL the link points to.
    public var url: String
    /// The link's text, tags removed and whitespace collapsed.
    public var text: String

    /// A link from its URL and text.
    public init(url: String, text: String) {
        self.url = url
        self.text = text
    }
}

/// The `<a href>` links of an HTML page. A small scanner rather than an HTML parser: index pages of
/// publishing sites are plain lists of links, and anything it misreads is filtered by the
/// source's link pattern and the fetch checks (host, size, `%PDF-`).
public enum Links {
    /// The links of `html`, resolved against `base` (the page's final URL, or its `<base href>`),
    /// in page order, each URL once; only `http(s)` links are kept.
    public static func extract(html: String, base: String) -> [Link] {
        var baseURL = URL(string: base)
        if let declared = firstAttribute(named: "href", inTag: "base", of: html),
            let url = URL(string: declared, relativeTo: baseURL)
        {
            baseURL = url.absoluteURL
        }
        var links: [Link] = []
        var seen: Set<String> = []
        var rest = html[...]
        while let open = rest.range(of: "<a", options: .caseInsensitive) {
            rest = rest[open.upperBound...]
            guard let next = rest.first, next.isWhitespace else { continue }
            guard let tagEnd = rest.firstIndex(of: ">") else { break }
            let tag = rest[..<tagEnd]
            rest = rest[rest.index(after: tagEnd)...]
            guard let href = attribute("href", in: tag) else { continue }
            let close = rest.range(of: "</a", options: .caseInsensitive)
            let inner = close.map { rest[..<$0.lowerBound] } ?? rest.prefix(0)
            let resolvedHref = decodeEntities(href).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let url = URL(string: resolvedHref, relativeTo: baseURL)?.absoluteURL,
                let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
            else { continue }
            let absolute = url.absoluteString
            guard seen.insert(absolute).inserted else { continue }
            links.append(Link(url: absolute, text: text(of: inner)))
        }
        return links
    }

    private static func firstAttribute(named name: String, inTag tagName: String, of html: String)
        -> String?
    {
        guard let open = html.range(of: "<\(tagName)", options: .caseInsensitive) else { return nil }
        let rest = html[open.upperBound...]
        guard let end = rest.firstIndex(of: ">") else { return nil }
        return attribute(name, in: rest[..<end]).map(decodeEntities)
    }

    /// The value of attribute `name` in a tag's text (quoted with `"` or `'`, or unquoted).
    static func attribute(_ name: String, in tag: Substring) -> String? {
        var rest = tag
        while let found = rest.range(of: name, options: .caseInsensitive) {
            let before =
                found.lowerBound == tag.startIndex ? " " : tag[tag.index(before: found.lowerBound)]
            var after = rest[found.upperBound...].drop(while: \.isWhitespace)
            rest = rest[found.upperBound...]
            guard before.isWhitespace, after.first == "=" else { continue }
            after = after.dropFirst().drop(while: \.isWhitespace)
            if let quote = after.first, quote == "\"" || quote == "'" {
                let body = after.dropFirst()
                guard let end = body.firstIndex(of: quote) else { return nil }
                return String(body[..<end])
            }
            return String(after.prefix(while: { !$0.isWhitespace && $0 != ">" }))
        }
        return nil
    }

    private static func text(of inner: Substring) -> String {
        var out = ""
        var inTag = false
        for character in inner {
            if character == "<" {
                inTag = true
            } else if character == ">" {
                inTag = false
                out.append(" ")
            } else if !inTag {
                out.append(character)
            }
        }
        return decodeEntities(out).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Decodes the entities that appear in URLs and link texts: `&amp;` `&lt;` `&gt;` `&quot;` `&#39;` `&nbsp;` and numeric ones.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(10).firstIndex(of: ";") else {
                out.append("&")
                rest = after
                continue
            }
            let name = after[..<semi]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            case "nbsp": replacement = " "
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map {
                        String(Character($0))
                    }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map {
                        String(Character($0))
                    }
                }
            }
            if let replacement {
                out += replacement
                rest = after[after.index(after: semi)...]
            } else {
                out.append("&")
                rest = after
            }
        }
        out += rest
        return out
    }
}
