import Testing
@testable import HTTP

@Suite struct ConnectionStateMachineTests {
    typealias Machine = ConnectionStateMachine<String>

    func writes(_ action: Machine.Action) -> [String] {
        guard case .write(let writes) = action else { return [] }
        return writes.map { $0.response + ($0.closeAfter ? "+close" : "") }
    }

    func isClose(_ action: Machine.Action) -> Bool {
        if case .close = action { return true }
        return false
    }

    func receive(_ machine: inout Machine, keepAlive: Bool = true, nowMs: Int = 0) -> UInt64 {
        let id = machine.requestReceived(keepAlive: keepAlive, nowMs: nowMs)
        machine.requestCompleted()
        return id
    }

    @Test func repliesArrivingOutOfOrderAreWrittenInRequestOrder() {
        var machine = Machine(limits: HTTPLimits(), nowMs: 0)
        let first = receive(&machine), second = receive(&machine), third = receive(&machine)
        #expect(writes(machine.responseReady("c", for: third)).isEmpty)
        #expect(writes(machine.responseReady("b", for: second)).isEmpty)
        #expect(writes(machine.responseReady("a", for: first)) == ["a", "b", "c"])
        #expect(machine.inFlightCount == 0)
    }

    @Test func aSecondReplyForTheSameRequestIsIgnored() {
        var machine = Machine(limits: HTTPLimits(), nowMs: 0)
        let first = receive(&machine), second = receive(&machine)
        #expect(writes(machine.responseReady("b", for: second)).isEmpty)
        #expect(writes(machine.responseReady("b2", for: second)).isEmpty)
        #expect(writes(machine.responseReady("a", for: first)) == ["a", "b"])
        #expect(writes(machine.responseReady("a2", for: first)).isEmpty)
    }

    @Test func aRequestThatAsksToCloseEndsTheConnectionAfterItsResponse() {
        var machine = Machine(limits: HTTPLimits(), nowMs: 0)
        let first = receive(&machine, keepAlive: false)
        #expect(!machine.wantsRequests)
        #expect(writes(machine.responseReady("a", for: first)) == ["a+close"])
    }

    @Test func pipeliningDepthIsBounded() {
        var machine = Machine(limits: testLimits { $0.pipelinedRequestsMax = 2 }, nowMs: 0)
        let first = receive(&machine)
        #expect(machine.wantsRequests)
        _ = receive(&machine)
        #expect(!machine.wantsRequests)
        _ = machine.responseReady("a", for: first)
        #expect(machine.wantsRequests)
    }

    @Test func aProtocolErrorWaitsForEarlierResponsesAndCloses() {
        var machine = Machine(limits: HTTPLimits(), nowMs: 0)
        let first = receive(&machine)
        #expect(writes(machine.protocolError("400")).isEmpty)
        #expect(!machine.wantsRequests)
        #expect(writes(machine.responseReady("a", for: first)) == ["a", "400+close"])
    }

    @Test func aProtocolErrorInsideABodyAnswersThatRequest() {
        var machine = Machine(limits: HTTPLimits(), nowMs: 0)
        let id = machine.requestReceived(keepAlive: true, nowMs: 0)
        #expect(writes(machine.protocolError("413")) == ["413+close"])
        #expect(writes(machine.responseReady("late", for: id)).isEmpty)
    }

    @Test func headerTimeoutFiresAtTheLimitNotBefore() {
        var machine = Machine(limits: testLimits { $0.headerReadTimeoutMs = 100 }, nowMs: 0)
        machine.bytesRead(phase: .head, nowMs: 10)
        machine.bytesRead(phase: .head, nowMs: 100)  // more bytes do not restart the clock
        #expect(writes(machine.tick(nowMs: 109) { "408" }).isEmpty)
        #expect(writes(machine.tick(nowMs: 110) { "408" }) == ["408+close"])
    }

    @Test func bodyGapTimeoutRestartsOnEveryRead() {
        var machine = Machine(limits: testLimits { $0.bodyReadGapTimeoutMs = 100 }, nowMs: 0)
        _ = machine.requestReceived(keepAlive: true, nowMs: 0)
        machine.bytesRead(phase: .body, nowMs: 50)
        #expect(writes(machine.tick(nowMs: 149) { "408" }).isEmpty)
        machine.bytesRead(phase: .body, nowMs: 149)
        #expect(writes(machine.tick(nowMs: 248) { "408" }).isEmpty)
        #expect(writes(machine.tick(nowMs: 249) { "408" }) == ["408+close"])
    }

    @Test func idleConnectionClosesAtTheLimitButNotWhileARequestIsAnswered() {
        var machine = Machine(limits: testLimits { $0.idleTimeoutMs = 100 }, nowMs: 0)
        #expect(!isClose(machine.tick(nowMs: 99) { "408" }))
        let id = receive(&machine, nowMs: 50)
        #expect(!isClose(machine.tick(nowMs: 500) { "408" }))
        _ = machine.responseReady("a", for: id)
        machine.bytesWritten(nowMs: 500)
        #expect(!isClose(machine.tick(nowMs: 599) { "408" }))
        #expect(isClose(machine.tick(nowMs: 600) { "408" }))
    }

    @Test func waitingOnRepliesDoesNotCountAgainstThePeer() {
        var machine = Machine(limits: testLimits { $0.headerReadTimeoutMs = 100; $0.pipelinedRequestsMax = 1 }, nowMs: 0)
        let id = receive(&machine)
        machine.bytesRead(phase: .head, nowMs: 0)  // the next head waits in the buffer
        #expect(writes(machine.tick(nowMs: 500) { "408" }).isEmpty)
        _ = machine.responseReady("a", for: id)
        #expect(writes(machine.tick(nowMs: 599) { "408" }).isEmpty)
        #expect(writes(machine.tick(nowMs: 600) { "408" }) == ["408+close"])
    }

    @Test func shutdownClosesIdleConnectionsAtOnceAndBusyOnesAfterTheirLastResponse() {
        var idle = Machine(limits: HTTPLimits(), nowMs: 0)
        #expect(isClose(idle.shutdown()))
        var busy = Machine(limits: HTTPLimits(), nowMs: 0)
        let first = receive(&busy), second = receive(&busy)
        #expect(writes(busy.shutdown()).isEmpty)
        #expect(!busy.wantsRequests)
        #expect(writes(busy.responseReady("a", for: first)) == ["a"])
        #expect(writes(busy.responseReady("b", for: second)) == ["b+close"])
    }

    @Test func endOfInputDropsAHalfReadRequestAndAnswersTheRest() {
        var machine = Machine(limits: HTTPLimits(), nowMs: 0)
        let first = receive(&machine)
        _ = machine.requestReceived(keepAlive: true, nowMs: 0)  // body never completes
        #expect(writes(machine.inputEnded()).isEmpty)
        #expect(writes(machine.responseReady("a", for: first)) == ["a+close"])
    }
}
