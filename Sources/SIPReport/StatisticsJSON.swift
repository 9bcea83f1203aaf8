public import SIPAnalysis

/// Capture-wide figures as JSON (the `statistics` member of `sipdiag analyze --format json`).
public enum StatisticsJSON {
    public static func statistics(_ statistics: CallStatistics) -> JSONValue {
        func counts(_ list: [CallStatistics.Count]) -> JSONValue {
            .object(list.map { .init($0.name, .integer(Int64($0.count))) })
        }
        func percentiles(_ value: Percentiles?) -> JSONValue {
            guard let value else { return .null }
            return .object([
                .init("count", .integer(Int64(value.count))),
                .init("min", .decimal(value.minimum)),
                .init("p50", .decimal(value.p50)),
                .init("p90", .decimal(value.p90)),
                .init("p95", .decimal(value.p95)),
                .init("p99", .decimal(value.p99)),
                .init("max", .decimal(value.maximum)),
            ])
        }
        return .object([
            .init("messages", .integer(Int64(statistics.messages))),
            .init("unparsed", .integer(Int64(statistics.unparsed))),
            .init("requestsByMethod", counts(statistics.requestsByMethod)),
            .init("responsesByClass", counts(statistics.responsesByClass)),
            .init("responsesByCode", counts(statistics.responsesByCode)),
            .init("callsByKind", counts(statistics.callsByKind)),
            .init("callsByState", counts(statistics.callsByState)),
            .init("asrPercent", .decimal(statistics.asr)),
            .init("serPercent", .decimal(statistics.ser)),
            .init("seerPercent", .decimal(statistics.seer)),
            .init("isaPercent", .decimal(statistics.isa)),
            .init("scrPercent", .decimal(statistics.scr)),
            .init("pddMs", percentiles(statistics.pdd)),
            .init("answerMs", percentiles(statistics.answer)),
            .init("rrdMs", percentiles(statistics.rrd)),
        ])
    }
}
