/// Reversing an event takes back the quest steps it counted for: each step loses that count and
/// is open again when it falls short, and so is a quest it had completed. What the reopened step
/// and quest gave is taken back whichever event gave it (`QuestGrant`): doing them again gives
/// it again, so nothing is ever held twice. (The event's own postings, badges and boosts are
/// already reversed by `EventReversal`; those are skipped.)
enum QuestReversal {
    /// `[{"quest_id", "member_id", "step_id", "reopened"}]`: what was taken back.
    static func reverse(eventID: String, at: Timestamp, in store: any StoreWriter) throws -> JSONValue {
        let contributions = try store.questContributions(eventID: eventID)
        var answer: [JSONValue] = []
        for contribution in contributions {
            guard var enrollment = try store.questEnrollment(questID: contribution.questID, memberID: contribution.memberID) else { continue }
            let taken = enrollment.takeBack(stepID: contribution.stepID, of: try store.quest(id: contribution.questID), at: at)
            for grant in taken.grants { try QuestRewards.takeBack(grant, memberID: enrollment.memberID, at: at, in: store) }
            try store.save(enrollment)
            answer.append(.object(JSONObject([
                ("quest_id", .string(contribution.questID)), ("member_id", .string(contribution.memberID)),
                ("step_id", .string(contribution.stepID)), ("reopened", .bool(taken.reopenedQuest)),
            ])))
        }
        if !contributions.isEmpty { try store.deleteQuestContributions(eventID: eventID) }
        return .array(answer)
    }
}
