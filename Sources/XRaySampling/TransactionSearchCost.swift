import XRayCore

/// What the traces a simulation records cost as Transaction Search spans: every span of a
/// recorded trace is ingested as CloudWatch Logs (priced per GB), and the indexing percentage
/// decides how many spans become X-Ray trace summaries, the first 1% at no charge
/// (docs/xray-facts.md §2.8, §10).
public enum TransactionSearchCost {
    public struct Pricing: Sendable {
        public var spansPerTrace: Double
        public var spanBytes: Double
        public var ingestionPricePerGB: Double
        /// The share of spans indexed, 0–100 (UpdateIndexingRule's DesiredSamplingPercentage).
        public var indexingPercent: Double
        public var indexingPricePerMillion: Double

        public init(spansPerTrace: Double = 1, spanBytes: Double = 1_000, ingestionPricePerGB: Double = 0.50,
                    indexingPercent: Double = 1, indexingPricePerMillion: Double = 5.0) {
            self.spansPerTrace = spansPerTrace
            self.spanBytes = spanBytes
            self.ingestionPricePerGB = ingestionPricePerGB
            self.indexingPercent = indexingPercent
            self.indexingPricePerMillion = indexingPricePerMillion
        }
    }

    /// Indexed at no charge: 1% of the spans ingested.
    public static let freeIndexingPercent = 1.0
    /// CloudWatch bills a GB of 2^30 bytes.
    public static let bytesPerGB = 1_073_741_824.0

    public struct Figures: Sendable, Equatable {
        public var spansPerMonth: Double
        public var gigabytesPerMonth: Double
        public var ingestionCost: Double
        public var indexedSpansPerMonth: Double
        /// Indexed spans beyond the free 1%.
        public var billableIndexedSpansPerMonth: Double
        public var indexingCost: Double
        public var costPerMonth: Double { ingestionCost + indexingCost }
    }

    /// The same month's traces as spans: `tracesPerMonth` from `SamplingSimulator`.
    public static func figures(tracesPerMonth: Double, pricing: Pricing) -> Figures {
        let spans = tracesPerMonth * pricing.spansPerTrace
        let gigabytes = spans * pricing.spanBytes / bytesPerGB
        let percent = min(max(pricing.indexingPercent, 0), 100)
        let indexed = spans * percent / 100
        let billable = spans * max(0, percent - freeIndexingPercent) / 100
        return Figures(spansPerMonth: spans, gigabytesPerMonth: gigabytes, ingestionCost: gigabytes * pricing.ingestionPricePerGB,
                       indexedSpansPerMonth: indexed, billableIndexedSpansPerMonth: billable,
                       indexingCost: billable / 1_000_000 * pricing.indexingPricePerMillion)
    }
}
