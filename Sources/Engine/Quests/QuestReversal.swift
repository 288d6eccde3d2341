/// Reversing an event takes back the quest steps it counted for — as its stored answer lists them
/// (`quests`, written by `QuestTracker`): each step loses that count and is open again when it
/// falls short, and so is a quest it had completed. What the reopened step and quest gave is taken
/// back whichever event gave it (`QuestGrant`): doing them again gives it again, so nothing is ever
/// held twice. (The event's own postings, badges and boosts are already reversed by
/// `EventReversal`; those are skipped.) A step counted in a quest since deleted is history: its
/// enrollment was retired with the quest, and one of a quest created again under the same id
/// (after the event was recorded) is not the one the event counted in, so neither is touched.
enum QuestReversal {
    /// `[{"quest_id", "member_id", "step_id", "reopened"}]`: what was taken back.
    static func reverse(_ event: Event, answered quests: JSONValue?, at: Timestamp, in store: any StoreWriter) throws -> JSONValue {
        guard let memberID = event.memberID else { return .array([]) }
        var taken: [JSONValue] = []
        for item in quests?.arrayValue ?? [] {
            guard let counted = item.objectValue, counted["counted"] == .bool(true), let questID = counted["quest_id"]?.stringValue,
                  let stepID = counted["step_id"]?.stringValue,
                  var enrollment = try store.questEnrollment(questID: questID, memberID: memberID)
            else { continue }
            let quest = try store.quest(id: questID)
            if let quest, quest.createdAt > event.receivedAt { continue }
            let back = enrollment.takeBack(stepID: stepID, of: quest, at: at)
            for grant in back.grants { try QuestRewards.takeBack(grant, memberID: memberID, at: at, in: store) }
            try store.save(enrollment)
            taken.append(.object(JSONObject([
                ("quest_id", .string(questID)), ("member_id", .string(memberID)), ("step_id", .string(stepID)),
                ("reopened", .bool(back.reopenedQuest)),
            ])))
        }
        return .array(taken)
    }
}
