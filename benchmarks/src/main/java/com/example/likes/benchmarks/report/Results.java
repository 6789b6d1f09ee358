package com.example.likes.benchmarks.report;

import com.example.likes.benchmarks.system.Machine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one benchmark run measured, filled in as the scenarios run, then written by the reports. */
public final class Results {

    /** Bytes on the wire per call, both directions, for one protocol (scenario d). */
    public record WireBytes(
            String protocol, int calls, double requestBytesPerCall, double responseBytesPerCall, String payload) {

        public double totalPerCall() {
            return requestBytesPerCall + responseBytesPerCall;
        }
    }

    /**
     * Replication lag at a fixed create rate: as a client saw it (the target's measure), and as the dashboard's own
     * timer has it (its deliveries during the load; its percentiles over its rolling window of the last minutes).
     */
    public record Lag(
            double rate,
            long creates,
            long timerCount,
            double timerP50Millis,
            double timerP99Millis,
            long observed,
            double observedP50Millis,
            double observedP99Millis) {}

    /**
     * Our generator against an external tool on the same request at the same concurrency, their runs alternating
     * (ours, tool, ours, tool, ours) so that the services' drift in between favours neither.
     */
    public record ExternalCheck(
            String scenario,
            String tool,
            String command,
            List<Double> oursRuns,
            List<Double> theirRuns,
            String theirLatency,
            double oursCpuMillisPerRequest,
            double theirCpuMillisPerRequest) {

        public double ours() {
            return oursRuns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        public double theirs() {
            return theirRuns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** How far our throughput is from the tool's, as a fraction of the tool's (+0.05 is 5% more). */
        public double difference() {
            return theirs() == 0 ? Double.NaN : (ours() - theirs()) / theirs();
        }
    }

    public final Instant started = Instant.now();
    public final String mode;
    public final Machine machine;
    public final List<Run> runs = new ArrayList<>();
    public final List<WireBytes> wire = new ArrayList<>();
    public final List<ExternalCheck> external = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();
    /** Process start to readiness, by service and how it was started. */
    public final Map<String, Duration> startup = new LinkedHashMap<>();

    public final Map<String, Long> rssIdle = new LinkedHashMap<>();
    public final Map<String, Long> rssAfter = new LinkedHashMap<>();
    public Lag lag;
    public Duration total;

    public Results(String mode, Machine machine) {
        this.mode = mode;
        this.machine = machine;
    }

    public Optional<Run> run(String key) {
        return runs.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    /** The largest resident memory of {@code process} during any measured load. */
    public long rssUnderLoad(String process) {
        return runs.stream()
                .mapToLong(r -> r.resources().maxRssBytes().getOrDefault(process, -1L))
                .max()
                .orElse(-1);
    }
}
