import Testing
@testable import Engine

struct BlockCountIndexTests {
    @Test func locatesEveryPositionInBlocksOfUnevenSize() {
        let sizes = [3, 1, 4, 1, 5, 9, 2]
        let index = BlockCountIndex(counts: sizes)
        var position = 0
        for (block, size) in sizes.enumerated() {
            #expect(index.entriesBefore(block: block) == position)
            for offset in 0 ..< size {
                #expect(index.locate(position: position) == (block, offset))
                position += 1
            }
        }
        #expect(index.entriesBefore(block: sizes.count) == sizes.reduce(0, +))
    }

    @Test func addingToABlockShiftsOnlyTheBlocksAfterIt() {
        var index = BlockCountIndex(counts: [2, 2, 2])
        index.add(3, toBlock: 1)
        #expect(index.entriesBefore(block: 1) == 2)
        #expect(index.entriesBefore(block: 2) == 7)
        #expect(index.locate(position: 6) == (1, 4))
        #expect(index.locate(position: 7) == (2, 0))
    }
}
