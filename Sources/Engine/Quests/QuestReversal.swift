/// Reversing an event takes back the quest steps it counted for: each step loses that count and
/// is open again when it falls short, and so is a quest it had completed. The rewards it gave are
/// tied to the event and go back with the event's other awards (`EventReversal`).
enum QuestReversal {
    /// `[{"quest_id", "member_id", "step_id", "reopened"}]`: what was taken back.
    static func reverse(eventID: String, at: Timestamp, in store: any StoreWriter) throws -> JSONValue {
        let contributions = try store.questContributions(eventID: eventID)
        var taken: [JSONValue] = []
        for contribution in contributions {
            guard var enrollment = try store.questEnrollment(questID: contribution.questID, memberID: contribution.memberID) else { continue }
            let reopened = enrollment.takeBack(stepID: contribution.stepID, of: try store.quest(id: contribution.questID), at: at)
            try store.save(enrollment)
            taken.append(.object(JSONObject([
                ("quest_id", .string(contribution.questID)), ("member_id", .string(contribution.memberID)),
                ("step_id", .string(contribution.stepID)), ("reopened", .bool(reopened)),
            ])))
        }
        if !contributions.isEmpty { try store.deleteQuestContributions(eventID: eventID) }
        return .array(taken)
    }
}
