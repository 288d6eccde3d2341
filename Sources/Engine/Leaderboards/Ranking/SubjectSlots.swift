/// Gives each subject on the board a small integer slot and keeps its current score and reachedAt
/// there, so that the sorted blocks can hold `RankKey`s (integers) and still find a subject's key
/// from its ID in one hash lookup. Slots of removed subjects are reused, so the arrays grow only
/// with the largest number of subjects ever held at once.
struct SubjectSlots: Sendable {
    private var slotBySubjectID: [String: Int32] = [:]
    /// Indexed by slot; "" in a free slot, so that a removed subject's string is released.
    private(set) var subjectIDs: [String] = []
    /// Indexed by slot; meaningless in a free slot.
    private var keys: [RankKey] = []
    private var freeSlots: [Int32] = []

    var count: Int { slotBySubjectID.count }

    func key(of subjectID: String) -> RankKey? {
        guard let slot = slotBySubjectID[subjectID] else { return nil }
        return keys[Int(slot)]
    }

    func subjectID(of key: RankKey) -> String { subjectIDs[Int(key.slot)] }

    /// The subject's new key, in its existing slot or a new one.
    mutating func store(subjectID: String, score: Int64, reachedAt: Int64) -> RankKey {
        let slot = slotBySubjectID[subjectID] ?? claimSlot(for: subjectID)
        let key = RankKey(score: score, reachedAt: reachedAt, slot: slot)
        keys[Int(slot)] = key
        return key
    }

    /// The key the subject had, nil when absent.
    mutating func release(subjectID: String) -> RankKey? {
        guard let slot = slotBySubjectID.removeValue(forKey: subjectID) else { return nil }
        subjectIDs[Int(slot)] = ""
        freeSlots.append(slot)
        return keys[Int(slot)]
    }

    private mutating func claimSlot(for subjectID: String) -> Int32 {
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            subjectIDs[Int(slot)] = subjectID
        } else {
            // Int32 slots keep a key at 24 bytes; two billion subjects on one board is not a case.
            precondition(keys.count < Int(Int32.max), "more subjects than Int32 slots")
            slot = Int32(keys.count)
            subjectIDs.append(subjectID)
            keys.append(RankKey(score: 0, reachedAt: 0, slot: slot))
        }
        slotBySubjectID[subjectID] = slot
        return slot
    }
}

extension SubjectSlots {
    /// Every held subject, for the invariant check only.
    var heldKeys: [(subjectID: String, key: RankKey)] {
        slotBySubjectID.map { ($0.key, keys[Int($0.value)]) }
    }
}
