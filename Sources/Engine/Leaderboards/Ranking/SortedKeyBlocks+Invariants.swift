extension SortedKeyBlocks {
    /// The first broken invariant, described, or nil when the blocks are sound. O(n): for tests,
    /// which call it after every step so that a fault is caught at the step that made it.
    func invariantViolation(subjectIDs: [String]) -> String? {
        if counts.blockCount != blocks.count {
            return "count index covers \(counts.blockCount) blocks, there are \(blocks.count)"
        }
        var total = 0
        var previous: RankKey?
        for (block, keys) in blocks.enumerated() {
            if keys.isEmpty { return "block \(block) is empty" }
            if keys.count > blockCapacity { return "block \(block) holds \(keys.count) > \(blockCapacity)" }
            if blocks.count > 1 && keys.count < blockMinimum {
                return "block \(block) holds \(keys.count) < \(blockMinimum)"
            }
            if counts.entriesBefore(block: block) != total {
                return "count index puts \(counts.entriesBefore(block: block)) before block \(block), there are \(total)"
            }
            for key in keys {
                if let previous, !previous.isListed(before: key, subjectIDs: subjectIDs) {
                    return "\(previous) is not listed before \(key) (block \(block))"
                }
                previous = key
            }
            total += keys.count
        }
        return total == count ? nil : "blocks hold \(total) keys, count says \(count)"
    }
}
