import XCTest
import OpsdeckModel
@testable import OpsdeckUI

/// Every view and overlay rendered at hundreds of sizes down to 1×1 (and 0×0): the grid is always exactly
/// the size asked for, nothing crashes, and state resized through `update` keeps rendering.
final class ResizeStormReliabilityTests: XCTestCase {
    func testEveryViewRendersAtEverySizeDownToOneByOne() {
        // Every width 1…200 × several heights for a few views (SHORT) or for every view, plus every height
        // 1…60 for one view of each kind (FULL); random sizes for every view.
        let widths = Array(1...200)
        let heights = Reliability.full ? [1, 2, 3, 5, 8, 11, 12, 13, 20, 24, 40, 60] : [1, 2, 5, 12, 24, 40]
        let gridViews: Set<String> = Reliability.full
            ? ["panes", "pane 2 zoomed", "pane 4 filter", "pane 1 detail", "help", "journal", "refund dialog typed"]
            : ["panes", "journal", "refund dialog typed"]
        var rng = SplitMix64(seed: 0x5EED)
        let randomSizes = (0..<Reliability.count(short: 60, full: 500)).map { _ in (rng.next(260), rng.next(90)) }
        let views = ScreenTour.views(from: HostileText.state())
        var frames = 0
        for (name, view) in views {
            let deep = gridViews.contains(name)
            let sizes = (Reliability.full || deep ? widths.flatMap { w in heights.map { (w, $0) } } : [])
                + (Reliability.full && deep ? widths.flatMap { w in (1...60).filter { !heights.contains($0) }.map { (w, $0) } } : [])
                + randomSizes + [(0, 0), (1, 1)]
            var s = view
            for (w, h) in sizes {
                s = update(s, .resize(width: w, height: h)).0
                let g = render(s)
                frames += 1
                guard g.width == w, g.height == h, g.cells.count == w * h else {
                    XCTFail("\(name) at \(w)×\(h): grid is \(g.width)×\(g.height) with \(g.cells.count) cells"); return
                }
            }
            // Back to full size: the view is intact.
            s = update(s, .resize(width: 120, height: 40)).0
            XCTAssertEqual(render(s), render(update(view, .resize(width: 120, height: 40)).0), "\(name) after the storm")
        }
        print("reliability: resize storm (headless): \(views.count) views, \(frames) frames from 0×0 and 1×1 to 259×89, every grid exactly its size")
    }
}
