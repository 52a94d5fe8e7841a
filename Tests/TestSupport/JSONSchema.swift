import Foundation

/// A validator for the subset of JSON Schema (2020-12) that `schemas/*.schema.json` use: `type`
/// (one or a list), `properties`, `required`, `additionalProperties: false`, `items`, `enum` and
/// local `$ref`s to `#/$defs/NAME`. None of the project's dependencies validates JSON Schema, and
/// this subset is small enough to check by hand; an unknown keyword is an error, so the schema
/// cannot silently grow beyond what is checked.
public struct JSONSchema {
    private let root: [String: Any]

    public init(path: String) throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        guard let root = object as? [String: Any] else { throw Failure(message: "\(path): the schema is not an object") }
        self.root = root
    }

    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Every violation, as `PATH: what is wrong`; empty when the instance is valid.
    public func violations(of instance: Any) -> [String] {
        var found: [String] = []
        check(instance, against: root, at: "$", into: &found)
        return found
    }

    private static let known: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "title", "description", "type", "properties", "required",
        "additionalProperties", "items", "enum",
    ]

    private func check(_ value: Any, against schema: [String: Any], at path: String, into found: inout [String]) {
        for key in schema.keys where !Self.known.contains(key) {
            found.append("\(path): the schema uses \(key), which this validator does not check")
        }
        if let reference = schema["$ref"] as? String {
            let name = reference.replacingOccurrences(of: "#/$defs/", with: "")
            guard let definitions = root["$defs"] as? [String: Any], let target = definitions[name] as? [String: Any] else {
                found.append("\(path): unknown $ref \(reference)")
                return
            }
            check(value, against: target, at: path, into: &found)
        }
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [(type as? String) ?? ""]
            if !allowed.contains(where: { Self.matches(value, $0) }) {
                found.append("\(path): expected \(allowed.joined(separator: " or ")), found \(Self.describe(value))")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { ($0 as? NSObject)?.isEqual(value) ?? false }) {
            found.append("\(path): \(value) is not one of the allowed values")
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path): missing \(name)")
            }
            for (name, member) in object {
                if let propertySchema = properties[name] as? [String: Any] {
                    check(member, against: propertySchema, at: "\(path).\(name)", into: &found)
                } else if (schema["additionalProperties"] as? Bool) == false {
                    found.append("\(path): unexpected property \(name)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() {
                check(element, against: items, at: "\(path)[\(index)]", into: &found)
            }
        }
    }

    private static func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return (value as? NSNumber).map(isBoolean) ?? false
        case "integer":
            guard let number = value as? NSNumber, !isBoolean(number) else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number": return (value as? NSNumber).map { !isBoolean($0) } ?? false
        default: return false
        }
    }

    /// JSONSerialization gives booleans as NSNumbers of Objective-C type `c`.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private static func describe(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is [String: Any]: return "an object"
        case is [Any]: return "an array"
        case is String: return "a string"
        case let number as NSNumber: return isBoolean(number) ? "a boolean" : "a number"
        default: return "\(type(of: value))"
        }
    }
}
