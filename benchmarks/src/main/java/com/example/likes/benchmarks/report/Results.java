package com.example.likes.benchmarks.report;

import com.example.likes.benchmarks.system.JitMonitor;
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
     *
     * @param sampleEvery every how many creates a client probed product-service
     * @param polls the reads those probes sent to product-service: the load the measurement itself added
     * @param probeFailures probes that got an answer other than 404 or 200, or never saw their product
     * @param firstProbeFailures the first few of those failures' messages
     */
    public record Lag(
            double rate,
            long creates,
            long timerCount,
            double timerP50Millis,
            double timerP99Millis,
            int sampleEvery,
            long observed,
            double observedP50Millis,
            double observedP99Millis,
            long polls,
            long probeFailures,
            List<String> firstProbeFailures) {

        public Lag {
            firstProbeFailures = List.copyOf(firstProbeFailures);
        }
    }

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

    /**
     * Scenario e: a closed loop of likes that started the moment both services, started at once, reported ready.
     *
     * @param concurrency the loop's concurrency
     * @param perSecond likes answered in each second from the load's start
     * @param warm the likes per second the same loop reached warm (scenario c), or NaN when c did not run it
     * @param startup how long each service took to report ready, started at once
     * @param jit each service's JIT compiler threads' share of its CPU during the load
     */
    public record Cold(
            int concurrency,
            List<Long> perSecond,
            double warm,
            Map<String, Duration> startup,
            Map<String, JitMonitor.Share> jit) {

        public static final int FIRST_SECONDS = 15;

        /** Likes per second over the first {@value #FIRST_SECONDS} s. */
        public double firstSeconds() {
            int n = Math.min(FIRST_SECONDS, perSecond.size());
            return n == 0
                    ? 0
                    : perSecond.subList(0, n).stream()
                                    .mapToLong(Long::longValue)
                                    .sum()
                            / (double) n;
        }

        /** {@link #firstSeconds()} as a share of the warm rate. */
        public double ratio() {
            return warm > 0 ? firstSeconds() / warm : Double.NaN;
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
    public Cold cold;
    public Duration total;
    /** One core's speed (SHA-256 MB/s, {@code CpuReference}) before the stack started and after it stopped. */
    public double cpuReferenceBefore = Double.NaN;

    public double cpuReferenceAfter = Double.NaN;

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
