import Testing
import Engine

struct OrganizationDraftTests {
    @Test func acceptsAFullDocument() throws {
        let body = try JSONParser.parse(#"""
            {"id": "acme", "name": "Acme GmbH", "kind": "partner", "parent_id": "acme-group",
             "segments": ["gold", "emea"], "attributes": {"vat": "DE123"}, "status": "suspended"}
            """#)
        let draft = try OrganizationDraft.parse(body, id: "acme")
        #expect(draft.name == "Acme GmbH")
        #expect(draft.kind == "partner")
        #expect(draft.parentID == "acme-group")
        #expect(draft.segments == ["gold", "emea"])
        #expect(draft.attributes == JSONObject([(key: "vat", value: .string("DE123"))]))
        #expect(draft.status == .suspended)
    }

    @Test func defaultsOptionalFields() throws {
        let draft = try OrganizationDraft.parse(["name": "Acme", "kind": "customer"], id: "acme")
        #expect(draft.parentID == nil)
        #expect(draft.segments == [])
        #expect(draft.attributes.isEmpty)
        #expect(draft.status == .active)
    }

    @Test func reportsEveryProblemWithItsPathAtOnce() {
        let found = paths { _ = try OrganizationDraft.parse(["kind": "bad kind!", "zz": 1], id: "acme") }
        #expect(found == ["$.zz", "$.name", "$.kind"])
    }

    @Test func refusesABodyWhoseIDContradictsThePath() {
        #expect(paths { _ = try OrganizationDraft.parse(["id": "other", "name": "A", "kind": "k"], id: "acme") } == ["$.id"])
        #expect(paths { _ = try OrganizationDraft.parse(["id": 7, "name": "A", "kind": "k"], id: "acme") } == ["$.id"])
        #expect(paths { _ = try OrganizationDraft.parse(["id": "acme", "name": "A", "kind": "k"], id: "acme") } == [])
    }

    @Test func refusesBeingItsOwnParent() {
        #expect(paths { _ = try OrganizationDraft.parse(["name": "A", "kind": "k", "parent_id": "acme"], id: "acme") } == ["$.parent_id"])
    }

    @Test func refusesANonObjectBody() {
        #expect(paths { _ = try OrganizationDraft.parse([1, 2], id: "acme") } == ["$"])
        #expect(paths { _ = try OrganizationDraft.parse("acme", id: "acme") } == ["$"])
    }

    @Test func refusesWrongTypes() {
        let found = paths {
            _ = try OrganizationDraft.parse(["name": 5, "kind": true, "segments": "gold", "attributes": [], "status": 1], id: "a")
        }
        #expect(found == ["$.name", "$.kind", "$.segments", "$.attributes", "$.status"])
    }

    @Test func refusesDuplicateAndMalformedSegments() {
        let found = paths { _ = try OrganizationDraft.parse(["name": "A", "kind": "k", "segments": ["gold", "x y", "gold", 3]], id: "a") }
        #expect(found == ["$.segments[1]", "$.segments[2]", "$.segments[3]"])
    }

    @Test func acceptsFiftySegmentsAndRefusesFiftyOne() throws {
        let fifty = JSONValue.array((0..<50).map { .string("s\($0)") })
        let fiftyOne = JSONValue.array((0..<51).map { .string("s\($0)") })
        #expect(try OrganizationDraft.parse(["name": "A", "kind": "k", "segments": fifty], id: "a").segments.count == 50)
        #expect(paths { _ = try OrganizationDraft.parse(["name": "A", "kind": "k", "segments": fiftyOne], id: "a") } == ["$.segments"])
    }

    @Test func acceptsSegmentAsTheSingularNameButNotBoth() throws {
        #expect(try OrganizationDraft.parse(["name": "A", "kind": "k", "segment": ["gold"]], id: "a").segments == ["gold"])
        #expect(paths { _ = try OrganizationDraft.parse(["name": "A", "kind": "k", "segment": ["a"], "segments": ["b"]], id: "a") }
            == ["$.segments"])
    }

    @Test func acceptsHundredAttributesAndRefusesHundredAndOne() throws {
        #expect(try OrganizationDraft.parse(["name": "A", "kind": "k", "attributes": object(100)], id: "a").attributes.count == 100)
        #expect(paths { _ = try OrganizationDraft.parse(["name": "A", "kind": "k", "attributes": object(101)], id: "a") } == ["$.attributes"])
    }

    @Test func statusMustBeOneOfTheChoices() throws {
        for status in ["active", "suspended", "archived"] {
            #expect(try OrganizationDraft.parse(["name": "A", "kind": "k", "status": .string(status)], id: "a").status.rawValue == status)
        }
        #expect(paths { _ = try OrganizationDraft.parse(["name": "A", "kind": "k", "status": "deleted"], id: "a") } == ["$.status"])
        #expect(paths { _ = try OrganizationDraft.parse(["name": "A", "kind": "k", "status": "Active"], id: "a") } == ["$.status"])
    }

    @Test func nullOptionalFieldsCountAsAbsent() throws {
        let draft = try OrganizationDraft.parse(["name": "A", "kind": "k", "parent_id": nil, "status": nil], id: "a")
        #expect(draft.parentID == nil)
        #expect(draft.status == .active)
        #expect(paths { _ = try OrganizationDraft.parse(["name": nil, "kind": "k"], id: "a") } == ["$.name"])
    }
}

