/// How many items a list returns and where it continues. Lists are ordered by a stable key
/// (an id, a sequence) and continue strictly after the last key returned.
public struct PageRequest: Sendable, Equatable {
    public static let limitMax = 500
    public static let limitDefault = 50

    public var limit: Int
    /// The sort key of the last item already seen; nil for the first page.
    public var after: String?

    public init(limit: Int = PageRequest.limitDefault, after: String? = nil) {
        precondition((1...Self.limitMax).contains(limit), "page limit \(limit) out of range")
        self.limit = limit
        self.after = after
    }
}

public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// The key to continue after, or nil when this was the last page.
    public var nextAfter: String?

    public init(items: [Item], nextAfter: String?) {
        self.items = items
        self.nextAfter = nextAfter
    }

    /// Builds a page from up to `limit + 1` rows fetched in order: the extra row only tells that
    /// there is more.
    public init(fetched rows: [Item], limit: Int, key: (Item) -> String) {
        if rows.count > limit {
            items = Array(rows.prefix(limit))
            nextAfter = items.last.map(key)
        } else {
            items = rows
            nextAfter = nil
        }
    }

    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), nextAfter: nextAfter)
    }
}

extension PageRequest {
    /// The `after` of a list keyed by an integer (an id, a sequence number, a position): nil on
    /// the first page, 400 when the cursor holds anything else. `minimum` is the smallest key.
    public func afterInteger(minimum: Int64 = 1, of list: String) throws(DomainError) -> Int64? {
        guard let after else { return nil }
        guard let key = Int64(after), key >= minimum else {
            throw .invalid([ValidationError(path: "query.cursor", message: "is not a cursor of \(list)")])
        }
        return key
    }
}

extension Page {
    /// Every item of a list, read a full page at a time: for small configuration tables and a
    /// group's members, never for lists that grow with traffic.
    public static func all(_ fetch: (PageRequest) throws -> Page<Item>) throws -> [Item] {
        var items: [Item] = []
        var after: String?
        repeat {
            let page = try fetch(PageRequest(limit: PageRequest.limitMax, after: after))
            items += page.items
            after = page.nextAfter
        } while after != nil
        return items
    }
}
