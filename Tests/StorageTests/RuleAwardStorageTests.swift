import Engine
import Testing

/// Rule awards as limits read them: per member through the member index, which holds the awards
/// of rule versions limited per member (and those indexed when a rule gained such a limit); every
/// award when asked for all, as a simulation does.
@Suite struct RuleAwardStorageTests {
    static let start: Int64 = 1_800_000_000_000

    static func award(_ event: String, member: String, bySubject: Bool, in db: TestDatabase) throws {
        try db.write { store in
            try store.insert(Event(id: event, type: "deal.closed", memberID: member, organizationID: "acme", occurredAt: at(start),
                                   receivedAt: at(start), properties: JSONObject(), fingerprint: event))
            try store.record(RuleAwardRecord(ruleID: "deal", ruleVersion: 1, eventID: event, effectIndex: 0, memberID: member,
                                             organizationID: "acme", currency: "points", amount: 10, at: at(start), bySubject: bySubject))
        }
    }

    static func usage(_ scope: RuleLimit.Scope, _ subject: String?, everyAward: Bool, in db: TestDatabase) throws -> (Int, Int64) {
        try db.read { store in
            (try store.ruleFires(ruleID: "deal", per: scope, subjectID: subject, from: at(start), until: at(start + 1), includingUnindexed: everyAward),
             try store.ruleAwarded(ruleID: "deal", per: scope, subjectID: subject, currency: "points", from: at(start), until: at(start + 1),
                                   includingUnindexed: everyAward))
        }
    }

    @Test func onlyIndexedAwardsCountPerSubjectUntilTheRuleIndexesItsOwn() throws {
        let db = try TestDatabase()
        try Self.award("e-1", member: "ann", bySubject: false, in: db)
        try Self.award("e-2", member: "ann", bySubject: true, in: db)
        try Self.award("e-3", member: "gus", bySubject: false, in: db)
        #expect(try Self.usage(.member, "ann", everyAward: false, in: db) == (1, 10))
        #expect(try Self.usage(.organization, "acme", everyAward: false, in: db) == (1, 10))
        #expect(try Self.usage(.member, "ann", everyAward: true, in: db) == (2, 20), "a simulation reads every award")
        #expect(try Self.usage(.program, nil, everyAward: false, in: db) == (3, 30), "a program limit reads the rule's range")

        try db.write { try $0.indexRuleAwardsBySubject(ruleID: "deal", from: at(Self.start + 1)) }
        #expect(try Self.usage(.member, "ann", everyAward: false, in: db) == (1, 10), "awards before `from` stay as they were")
        try db.write { try $0.indexRuleAwardsBySubject(ruleID: "deal", from: nil) }
        #expect(try Self.usage(.member, "ann", everyAward: false, in: db) == (2, 20))
        #expect(try Self.usage(.organization, "acme", everyAward: false, in: db) == (3, 30))
    }
}
