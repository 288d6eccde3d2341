import Testing
import Engine

struct LedgerAccountTests {
    @Test func everyAccountRoundTripsThroughItsStringForm() {
        let accounts: [LedgerAccount] = [
            .programIssued, .programExpired, .programRedeemed, .member("m-1"), .organization("acme"),
            .redemption("r-9"), .clawback(.member("m-1")), .clawback(.organization("acme")),
            .member("a:b:clawback"), .clawback(.member("x:y")),
        ]
        for account in accounts {
            #expect(LedgerAccount(parsing: account.description) == account, "\(account)")
        }
        #expect(LedgerAccount.member("m-1").description == "member:m-1")
        #expect(LedgerAccount.clawback(.member("m-1")).description == "clawback:member:m-1")
    }

    @Test func parsingRefusesUnknownFormsAndEmptyIDs() {
        for text in ["", "member:", "program:", "program:other", "redemption:", "clawback:redemption:r-1",
                     "clawback:program:issued", "clawback:", "Member:m-1", "user:u-1"] {
            #expect(LedgerAccount(parsing: text) == nil, "\(text)")
        }
    }

    @Test func onlyMembersAndOrganizationsAreHolders() {
        #expect(LedgerAccount.member("m").holder == .member("m"))
        #expect(LedgerAccount.organization("o").holder == .organization("o"))
        #expect(LedgerAccount.redemption("r").holder == nil)
        #expect(LedgerAccount.programIssued.holder == nil)
        #expect(LedgerAccount.clawback(.member("m")).holder == nil)
    }
}
