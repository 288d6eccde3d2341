/// A Fenwick tree over the entry counts of the sorted blocks: the number of entries before a block,
/// and the block holding a given position, both in O(log blocks) instead of summing every block
/// (about 2,700 of them at a million entries).
///
/// Splitting, merging or dropping a block shifts the blocks after it, which a Fenwick tree cannot
/// follow, so those rebuild it whole: O(blocks), a few microseconds, and rare (once per a few
/// hundred inserts or removes).
struct BlockCountIndex: Sendable {
    /// 1-based: `tree[i]` sums the counts of blocks `i - lowbit(i) ..< i` (0-based).
    private var tree: [Int] = [0]

    var blockCount: Int { tree.count - 1 }

    init() {}

    /// O(n): each node passes its sum to its parent once.
    init(counts: [Int]) {
        tree = [0] + counts
        for node in 1..<tree.count {
            let parent = node + (node & -node)
            if parent < tree.count { tree[parent] += tree[node] }
        }
    }

    mutating func add(_ delta: Int, toBlock block: Int) {
        var node = block + 1
        while node < tree.count {
            tree[node] += delta
            node += node & -node
        }
    }

    /// Sum of the counts of blocks `0 ..< block`.
    func entriesBefore(block: Int) -> Int {
        var sum = 0
        var node = block
        while node > 0 {
            sum += tree[node]
            node -= node & -node
        }
        return sum
    }

    /// The block holding 0-based `position` and the offset inside it. Needs every block non-empty
    /// and `position` below the total, which the caller checks.
    func locate(position: Int) -> (block: Int, offset: Int) {
        var node = 0
        var remaining = position
        var step = 1
        while step * 2 <= blockCount { step *= 2 }
        // Descend: take each power-of-two stride whose whole sum still lies at or before `position`.
        while step > 0 {
            let next = node + step
            if next <= blockCount && tree[next] <= remaining {
                node = next
                remaining -= tree[next]
            }
            step /= 2
        }
        return (node, remaining)
    }
}
