import Foundation
import InspektCore
import Testing

/// The rate is a moving average over the last seconds and the time left follows it.
@Suite struct TransferRateTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    @Test func noFigureBeforeHalfASecondOfSamples() {
        var rate = TransferRate()
        #expect(rate.bytesPerSecond == nil)
        rate.record(bytes: 0, at: at(0))
        rate.record(bytes: 4_000, at: at(0.3))
        #expect(rate.bytesPerSecond == nil)
        #expect(rate.secondsLeft(total: 300_000) == nil)
        rate.record(bytes: 7_500, at: at(0.5))
        #expect(rate.bytesPerSecond.map { abs($0 - 15_000) < 0.001 } == true)
    }

    @Test func aSteadyLinkCountsDownSecondBySecond() {
        // 300 KB at 15 KB/s: 20 s in all; the time left falls by about one second per second.
        var rate = TransferRate()
        var previous: Double?
        for tenth in 0...150 {
            let t = Double(tenth) / 10
            rate.record(bytes: Int64(t * 15_000), at: at(t))
            guard let left = rate.secondsLeft(total: 300_000) else { continue }
            #expect(abs(left - (20 - t)) < 0.2, "at \(t) s: \(left) s left")
            if let previous { #expect(left <= previous) }
            previous = left
        }
        #expect(previous != nil)
    }

    @Test func theRateFollowsASlowdownWithinTheWindow() {
        var rate = TransferRate(window: 5)
        for second in 0...10 { rate.record(bytes: Int64(second) * 50_000, at: at(Double(second))) }
        #expect(rate.bytesPerSecond.map { abs($0 - 50_000) < 0.001 } == true)
        for second in 1...5 { rate.record(bytes: 500_000 + Int64(second) * 10_000, at: at(Double(10 + second))) }
        #expect(rate.bytesPerSecond.map { abs($0 - 10_000) < 0.001 } == true)
        #expect(rate.secondsLeft(total: 2_000_000).map { abs($0 - 145) < 0.01 } == true)
    }

    @Test func timeLeftDoesNotFreezeWhileTheFractionMoves() {
        // 300 KB at 15 KB/s: from 45% to 62% takes 3.4 s, and the time left falls by as much.
        var rate = TransferRate()
        var lefts: [Double] = []
        var t = 0.0
        var bytes: Int64 = 0
        while bytes < 186_000 {
            t += 0.25
            bytes += 3_750
            rate.record(bytes: bytes, at: at(t))
            if bytes >= 135_000, let left = rate.secondsLeft(total: 300_000) { lefts.append(left) }
        }
        #expect(Set(lefts.map { Int($0.rounded()) }).count >= 4, "time left stayed at \(lefts)")
        #expect(zip(lefts, lefts.dropFirst()).allSatisfy { $1 < $0 })
        #expect(abs((lefts.first ?? 0) - (lefts.last ?? 0) - 3.25) < 0.3, "\(lefts)")
    }

    @Test func aStallBringsTheRateDownAndFewerBytesStartOver() {
        var rate = TransferRate(window: 3)
        rate.record(bytes: 0, at: at(0))
        rate.record(bytes: 30_000, at: at(2))
        for second in 3...8 { rate.record(bytes: 30_000, at: at(Double(second))) }
        #expect(rate.bytesPerSecond == 0)
        #expect(rate.secondsLeft(total: 100_000) == nil)
        // A new attempt sends from the beginning.
        rate.record(bytes: 1_000, at: at(9))
        #expect(rate.samples.count == 1)
        #expect(rate.bytesPerSecond == nil)
    }
}
