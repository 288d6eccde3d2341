extension JSONValue {
    /// The same document with every object's keys sorted by their UTF-8 bytes, recursively: two
    /// documents that differ only in key order (which JSON says carries no meaning) serialise to the
    /// same bytes. Fingerprints of request bodies are taken over this form.
    public var canonical: JSONValue {
        switch self {
        case .object(let object):
            let entries = object.entries
                .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { (key: $0.key, value: $0.value.canonical) }
            return .object(JSONObject(entries))
        case .array(let elements):
            return .array(elements.map(\.canonical))
        default:
            return self
        }
    }
}
