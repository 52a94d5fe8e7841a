import FoundationEssentials

/// JSON as every command prints it: pretty, keys sorted, slashes and CJK unescaped.
public enum JSONOutput {
    /// `value` as that JSON, without a final line end.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
