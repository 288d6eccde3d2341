/// A board's keys in listing order, cut into sorted blocks of at most `blockCapacity` keys.
///
/// Why blocks: one sorted array of a million keys would shift 24 MB on an insert near the top;
/// a block shifts at most a few kilobytes, and finding the block is a binary search over
/// about 2,700 blocks. `BlockCountIndex` turns block counts into positions. Every block is
/// non-empty, and unless it is the only one it holds at least `blockMinimum` keys, so the number
/// of blocks stays within `count / blockMinimum`.
struct SortedKeyBlocks: Sendable {
    let blockCapacity: Int
    /// A quarter of the capacity: low enough that removes and inserts around one boundary do not
    /// merge and split the same blocks over and over.
    var blockMinimum: Int { blockCapacity / 4 }

    private(set) var blocks: [[RankKey]] = []
    private(set) var counts = BlockCountIndex()
    private(set) var count = 0

    init(blockCapacity: Int) {
        precondition(blockCapacity >= 4, "blocks of fewer than 4 keys cannot be split and merged")
        self.blockCapacity = blockCapacity
    }

    /// The key's block and index, nil when it is not held.
    func location(of key: RankKey, subjectIDs: [String]) -> (block: Int, index: Int)? {
        guard !blocks.isEmpty else { return nil }
        let block = blockIndex(for: key, subjectIDs: subjectIDs)
        let index = Self.insertionIndex(of: key, in: blocks[block], subjectIDs: subjectIDs)
        guard index < blocks[block].count, blocks[block][index] == key else { return nil }
        return (block, index)
    }

    func position(of key: RankKey, subjectIDs: [String]) -> Int? {
        guard let (block, index) = location(of: key, subjectIDs: subjectIDs) else { return nil }
        return counts.entriesBefore(block: block) + index
    }

    /// The number of keys whose score is strictly greater than `score`: they are exactly the keys
    /// listed first, so this is the position where `score` would start. Needs no subject IDs.
    func countScoring(above score: Int64) -> Int {
        var low = 0
        var high = blocks.count
        while low < high {
            let middle = (low + high) / 2
            if blocks[middle][blocks[middle].count - 1].score > score { low = middle + 1 } else { high = middle }
        }
        guard low < blocks.count else { return count }
        let block = blocks[low]
        var first = 0
        var past = block.count
        while first < past {
            let middle = (first + past) / 2
            if block[middle].score > score { first = middle + 1 } else { past = middle }
        }
        return counts.entriesBefore(block: low) + first
    }

    /// Up to `limit` keys from 0-based `position`, in listing order.
    func keys(from position: Int, limit: Int) -> [RankKey] {
        guard position < count, limit > 0 else { return [] }
        var result: [RankKey] = []
        result.reserveCapacity(min(limit, count - position))
        var (block, offset) = counts.locate(position: position)
        while result.count < limit && block < blocks.count {
            let wanted = min(limit - result.count, blocks[block].count - offset)
            result.append(contentsOf: blocks[block][offset ..< offset + wanted])
            block += 1
            offset = 0
        }
        return result
    }

    /// The key must not be held already (the caller removes a subject's old key first).
    mutating func insert(_ key: RankKey, subjectIDs: [String]) {
        count += 1
        guard !blocks.isEmpty else {
            blocks = [Self.newBlock(capacity: blockCapacity, keys: [key])]
            counts = BlockCountIndex(counts: [1])
            return
        }
        let block = blockIndex(for: key, subjectIDs: subjectIDs)
        let index = Self.insertionIndex(of: key, in: blocks[block], subjectIDs: subjectIDs)
        blocks[block].insert(key, at: index)
        if blocks[block].count > blockCapacity {
            split(block)
            rebuildCounts()
        } else {
            counts.add(1, toBlock: block)
        }
    }

    /// The key must be held: removing an absent one is a programmer error.
    mutating func remove(_ key: RankKey, subjectIDs: [String]) {
        guard let (block, index) = location(of: key, subjectIDs: subjectIDs) else {
            preconditionFailure("removing a key that is not held")
        }
        count -= 1
        blocks[block].remove(at: index)
        if blocks[block].isEmpty && blocks.count == 1 {
            blocks = []
            rebuildCounts()
        } else if blocks[block].count < blockMinimum && blocks.count > 1 {
            mergeWithNeighbour(block)
            rebuildCounts()
        } else {
            counts.add(-1, toBlock: block)
        }
    }

    // MARK: - Finding

    /// The block where `key` is or belongs: the first whose last key is not listed before it,
    /// or the last block when every key is listed before it. Needs at least one block.
    private func blockIndex(for key: RankKey, subjectIDs: [String]) -> Int {
        var low = 0
        var high = blocks.count - 1
        while low < high {
            let middle = (low + high) / 2
            let last = blocks[middle][blocks[middle].count - 1]
            if last.isListed(before: key, subjectIDs: subjectIDs) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first index whose key is not listed before `key`.
    private static func insertionIndex(of key: RankKey, in block: [RankKey], subjectIDs: [String]) -> Int {
        var low = 0
        var high = block.count
        while low < high {
            let middle = (low + high) / 2
            if block[middle].isListed(before: key, subjectIDs: subjectIDs) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    // MARK: - Reshaping

    /// Moves the upper half of an overfull block into a new block right after it.
    private mutating func split(_ block: Int) {
        let half = blocks[block].count / 2
        let upper = Self.newBlock(capacity: blockCapacity, keys: blocks[block][half...])
        blocks[block].removeSubrange(half...)
        blocks.insert(upper, at: block + 1)
    }

    /// Joins an underfull block with a neighbour, then splits the result if it is overfull,
    /// so both resulting blocks hold at least half the capacity.
    private mutating func mergeWithNeighbour(_ block: Int) {
        let lower = block + 1 < blocks.count ? block : block - 1
        let upper = blocks.remove(at: lower + 1)
        blocks[lower].append(contentsOf: upper)
        if blocks[lower].count > blockCapacity { split(lower) }
    }

    private mutating func rebuildCounts() {
        counts = BlockCountIndex(counts: blocks.map(\.count))
    }

    /// Reserves room for one key past capacity (the moment before a split) so that a block is
    /// allocated once rather than regrown by doubling.
    private static func newBlock(capacity: Int, keys: some Collection<RankKey>) -> [RankKey] {
        var block: [RankKey] = []
        block.reserveCapacity(capacity + 1)
        block.append(contentsOf: keys)
        return block
    }
}
