import Testing
import Engine

struct KeySecretTests {
    @Test func generatedKeysParseBackToTheSameID() throws {
        let key = KeySecret.generate()
        #expect(key.text.hasPrefix("lrl_"))
        #expect(key.text == "lrl_\(key.id)_" + key.text.split(separator: "_").last!)
        #expect(key.id.count == 12)
        #expect(key.text.count == 4 + 12 + 1 + 32)
        let parsed = try #require(KeySecret.parse(key.text))
        #expect(parsed.id == key.id)
        #expect(parsed.hash == key.hash)
        #expect(parsed.matches(key.hash))
    }

    @Test func hashIsSHA256OfTheWholeText() {
        let key = KeySecret.parse("lrl_abc_def")!
        #expect(key.hash.count == 32)
        #expect(key.hash != KeySecret.parse("lrl_abc_deg")!.hash)
    }

    @Test func aWrongSecretForTheSameIDDoesNotMatch() throws {
        let key = KeySecret.generate()
        let forged = try #require(KeySecret.parse("lrl_\(key.id)_WrongSecretWrongSecretWrongSecre"))
        #expect(forged.id == key.id)
        #expect(!forged.matches(key.hash))
        #expect(!forged.matches([]))
    }

    @Test func twoGeneratedKeysDiffer() {
        let first = KeySecret.generate()
        let second = KeySecret.generate()
        #expect(first.id != second.id)
        #expect(first.text != second.text)
        #expect(first.hash != second.hash)
    }

    @Test(arguments: [
        "", "lrl_", "lrl_abc", "lrl__secret", "lrl_abc_", "xyz_abc_def", "LRL_abc_def", "lrl_ab-c_def", "lrl_abc_de_f",
        "lrl_abc_dé", "lrl_abc_de f", " lrl_abc_def", "Bearer lrl_abc_def",
    ])
    func malformedTextsAreRefused(_ text: String) {
        #expect(KeySecret.parse(text) == nil)
    }

    @Test func textsLongerThan200BytesAreRefused() {
        let at200 = "lrl_abc_" + String(repeating: "x", count: 192)
        #expect(KeySecret.parse(at200) != nil)
        #expect(KeySecret.parse(at200 + "x") == nil)
    }
}

struct PrincipalTests {
    let admin = Principal(keyID: "k1", role: .admin, organizationID: nil)
    let integration = Principal(keyID: "k2", role: .integration, organizationID: nil)
    let viewer = Principal(keyID: "k3", role: .viewer, organizationID: nil)
    let partner = Principal(keyID: "k4", role: .partner, organizationID: "acme")

    @Test func programWideRolesSeeEveryOrganization() {
        for principal in [admin, integration, viewer] {
            #expect(principal.canSee(organizationID: "acme"))
            #expect(principal.canSee(organizationID: "globex"))
        }
    }

    @Test func partnerSeesOnlyItsOwnOrganization() {
        #expect(partner.canSee(organizationID: "acme"))
        #expect(!partner.canSee(organizationID: "globex"))
        #expect(!partner.canSee(organizationID: ""))
    }

    @Test func onlyAdminAndIntegrationManageTheDirectory() {
        #expect(admin.managesDirectory)
        #expect(integration.managesDirectory)
        #expect(!viewer.managesDirectory)
        #expect(!partner.managesDirectory)
        #expect(admin.isAdmin && !integration.isAdmin && !viewer.isAdmin && !partner.isAdmin)
    }

    @Test func memberManagementFollowsRoleAndScope() {
        #expect(admin.canManageMembers(of: "globex"))
        #expect(integration.canManageMembers(of: "globex"))
        #expect(!viewer.canManageMembers(of: "acme"))
        #expect(partner.canManageMembers(of: "acme"))
        #expect(!partner.canManageMembers(of: "globex"))
    }

    @Test func aPartnerWithoutOrganizationSeesNothing() {
        let broken = Principal(keyID: "k5", role: .partner, organizationID: nil)
        #expect(!broken.canSee(organizationID: "acme"))
        #expect(!broken.canManageMembers(of: "acme"))
    }

    @Test func aKeyActsAsItsPrincipal() {
        let key = APIKey(
            id: "k4", name: "portal", role: .partner, organizationID: "acme", secretHash: [], rateLimit: nil,
            createdAt: Timestamp(millisecondsSinceEpoch: 0), createdBy: nil)
        #expect(key.principal == partner)
    }
}

struct ManualClockTests {
    @Test func standsStillUntilMoved() {
        let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 1_000))
        #expect(clock.now() == Timestamp(millisecondsSinceEpoch: 1_000))
        #expect(clock.now() == Timestamp(millisecondsSinceEpoch: 1_000))
        clock.advance(milliseconds: 250)
        #expect(clock.now().millisecondsSinceEpoch == 1_250)
        clock.advance(milliseconds: -1_250)
        #expect(clock.now().millisecondsSinceEpoch == 0)
        clock.set(Timestamp(millisecondsSinceEpoch: 1_795_442_709_120))
        #expect(clock.now().rfc3339 == "2026-11-23T14:05:09.120Z")
    }

    @Test func systemClockIsAfter2025() {
        #expect(SystemClock().now() > RFC3339.parse("2025-01-01T00:00:00Z")!)
    }
}
