import Engine

/// The position in a list ordered newest first by a time and then by id (interactions, disputes,
/// feedback): `<milliseconds>/<id>` of the last item shown. Ids may contain `/`; the time never does.
struct TimeCursor {
    var at: Int64
    var id: String

    init(at: Int64, id: String) {
        self.at = at
        self.id = id
    }

    /// Nil for no cursor or one this store did not make (the list then starts from the newest).
    init?(_ text: String?) {
        guard let text, let slash = text.firstIndex(of: "/"), let at = Int64(text[..<slash]) else { return nil }
        self.init(at: at, id: String(text[text.index(after: slash)...]))
    }

    static func after(_ at: Timestamp, _ id: String) -> String { "\(at.millisecondsSinceEpoch)/\(id)" }
}
