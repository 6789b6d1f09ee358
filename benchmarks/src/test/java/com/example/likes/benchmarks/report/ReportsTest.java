package com.example.likes.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.benchmarks.load.Load;
import com.example.likes.benchmarks.load.LoadResult;
import com.example.likes.benchmarks.system.JitMonitor;
import com.example.likes.benchmarks.system.Machine;
import com.example.likes.benchmarks.system.ResourceUsage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ReportsTest {

    private final Results results = sample();

    @Test
    void theTargetsAreCheckedAgainstTheRunsOfTheSameRun() {
        List<Targets.Check> checks = Targets.check(results);

        assertThat(checks)
                .filteredOn(c -> c.target().startsWith("a. gRPC ≥ 2×"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.met()).isTrue();
                    assertThat(c.measured()).startsWith("2.50×");
                });
        assertThat(checks)
                .filteredOn(c -> c.target().startsWith("b."))
                .singleElement()
                .satisfies(c -> assertThat(c.measured()).startsWith("50%"))
                .satisfies(c -> assertThat(c.verdict()).isEqualTo("**not met**"));
        assertThat(checks)
                .filteredOn(c -> c.target().contains("replication lag"))
                .singleElement()
                .satisfies(c -> assertThat(c.verdict()).isEqualTo("not measured"));
        assertThat(checks)
                .filteredOn(c -> c.target().contains("RSS"))
                .singleElement()
                .satisfies(c -> assertThat(c.met()).isTrue());
    }

    @Test
    void theCsvHasOneLineAPerRunAndAColumnPerProcess() {
        String[] lines = CsvReport.of(results).split("\n");

        assertThat(lines).hasSize(4);
        assertThat(lines[0])
                .startsWith("scenario,name,load,seconds,requests,errors,throughput_rps,p50_ms")
                .contains("cpu_ms_per_request_dashboard-service", "max_rss_mb_dashboard-service");
        assertThat(lines[1]).startsWith("a,GetUser gRPC,closed c=64,2.000,10000,0,5000.000,");
        assertThat(CsvReport.quote("a, \"b\"")).isEqualTo("\"a, \"\"b\"\"\"");
    }

    @Test
    void theHeaderGivesOneCoresSpeedBeforeAndAfterTheRun() {
        Results results = sample();
        assertThat(MarkdownReport.header(results)).contains("| - / - MB/s |");

        results.cpuReferenceBefore = 1234.4;
        results.cpuReferenceAfter = 987.6;

        assertThat(MarkdownReport.header(results))
                .contains("| one core's speed before / after the run (SHA-256, one thread) | 1,234 / 988 MB/s |");
    }

    @Test
    void theMarkdownHasTheTargetsTheRunsAndTheWire() {
        String markdown = MarkdownReport.header(results) + MarkdownReport.of(results, Targets.check(results));

        assertThat(markdown)
                .contains("| cores (nproc) | 2 |")
                .contains("## Targets")
                .contains("| a | GetUser gRPC | closed c=64 | 5,000 |")
                .contains("| gRPC (HTTP/2, protobuf) | 100 | 70.0 | 90.0 | 160.0 |");
    }

    @Test
    void theChartIsWellFormedSvgWithABarPerRun() throws Exception {
        String svg = SvgChart.of(results);

        Document chart = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(chart.getDocumentElement().getTagName()).isEqualTo("svg");
        // a background, then per run one throughput bar and two latency bars
        assertThat(chart.getElementsByTagName("rect").getLength()).isEqualTo(1 + 3 * 3);
        assertThat(SvgChart.escape("a < b & c")).isEqualTo("a &lt; b &amp; c");
    }

    @Test
    void aColdStartIsJudgedByItsFirst15SecondsAgainstTheWarmRate() throws Exception {
        Results results = sample();
        List<Long> perSecond = new java.util.ArrayList<>();
        for (int second = 0; second < 30; second++) {
            perSecond.add(second < 15 ? 400L : 1_000L);
        }
        results.cold = new Results.Cold(
                16,
                perSecond,
                1_000,
                Map.of("dashboard-service", Duration.ofSeconds(6)),
                Map.of("dashboard-service", new JitMonitor.Share(0.42, 0.3)));

        assertThat(results.cold.firstSeconds()).isEqualTo(400);
        assertThat(Targets.check(results))
                .filteredOn(check -> check.target().startsWith("e. "))
                .singleElement()
                .satisfies(check -> {
                    assertThat(check.met()).isFalse();
                    assertThat(check.measured()).startsWith("40% (400 vs 1,000");
                });
        String markdown = MarkdownReport.of(results, Targets.check(results));
        assertThat(markdown)
                .contains("## Likes from a cold start (e)")
                .contains(" 30 s ")
                .contains("|")
                .contains("compiler threads (C1 and C2) took, of each service's CPU, over the first 15 s / the whole"
                        + " load: dashboard-service 42% / 30%.");
        Document chart = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(ColdChart.of(results.cold).getBytes(StandardCharsets.UTF_8)));
        // a background, the first 15 s shaded, one bar a second
        assertThat(chart.getElementsByTagName("rect").getLength()).isEqualTo(2 + 30);
    }

    @Test
    void theLagSectionSaysHowOftenTheClientProbedAndWhatItsProbesCost() {
        Results results = sample();
        results.lag = new Results.Lag(200, 6_000, 6_000, 12, 40, 50, 120, 11, 35, 2_400, 0, List.of());

        String report = MarkdownReport.of(results, Targets.check(results));

        assertThat(report)
                .contains("| a client, every 50th create (its 201")
                .contains("| 120 | 11.0 ms | 35.0 ms |")
                .contains("The client's probes sent 2,400 reads to product-service, 0.40 per create");
        assertThat(Targets.check(results))
                .filteredOn(check -> check.target().contains("replication lag"))
                .singleElement()
                .satisfies(check -> assertThat(check.met()).isTrue());
    }

    @Test
    void aProbeThatNeverSawItsProductFailsTheLagTarget() {
        Results results = sample();
        results.lag = new Results.Lag(
                200, 6_000, 6_000, 12, 40, 50, 119, 11, 35, 2_400, 1, List.of("IOException: answered 500"));

        assertThat(MarkdownReport.of(results, Targets.check(results)))
                .contains("; 1 failed.\n- IOException: answered 500");
        assertThat(Targets.check(results))
                .filteredOn(check -> check.target().contains("replication lag"))
                .singleElement()
                .satisfies(check -> assertThat(check.met()).isFalse())
                .satisfies(check -> assertThat(check.measured()).contains("119 sampled, 1 failed"));
    }

    @Test
    void ordinalsReadAsInEnglish() {
        assertThat(List.of(1, 2, 3, 4, 11, 12, 13, 21, 50, 102, 111))
                .extracting(MarkdownReport::ordinal)
                .containsExactly(
                        "", "2nd ", "3rd ", "4th ", "11th ", "12th ", "13th ", "21st ", "50th ", "102nd ", "111th ");
    }

    @Test
    void aColdStartWithoutAWarmRateIsNotMeasured() {
        Results results = sample();
        results.cold = new Results.Cold(16, List.of(100L), Double.NaN, Map.of(), Map.of());

        assertThat(Targets.check(results))
                .filteredOn(check -> check.target().startsWith("e. "))
                .singleElement()
                .satisfies(check -> assertThat(check.met()).isNull());
    }

    private static Results sample() {
        Results results = new Results("quick", new Machine(2, "23.5 GiB", "cpu", "linux", "jdk"));
        results.runs.add(run("a", "GetUser gRPC", 10_000, 2));
        results.runs.add(run("a", "GetUser REST", 4_000, 5));
        results.runs.add(run("b", "GetUser bare grpc-java", 20_000, 1));
        results.wire.add(new Results.WireBytes("gRPC (HTTP/2, protobuf)", 100, 70, 90, "38 B / 54 B"));
        results.rssIdle.put("dashboard-service", 200L * 1024 * 1024);
        results.startup.put("dashboard-service (started alone)", Duration.ofSeconds(4));
        return results;
    }

    private static Run run(String scenario, String name, long requests, long millis) {
        Histogram latencies = new Histogram(1_000, 60_000_000_000L, 3);
        for (long i = 0; i < requests; i++) {
            latencies.recordValue(millis * 1_000_000);
        }
        LoadResult result = new LoadResult(
                new Load.Closed(64, Duration.ZERO, Duration.ofSeconds(2)),
                requests,
                0,
                Duration.ofSeconds(2),
                latencies,
                List.of());
        ResourceUsage usage = new ResourceUsage(
                Map.of("dashboard-service", 0.3),
                Map.of("dashboard-service", 0.9),
                Map.of("dashboard-service", 250L * 1024 * 1024),
                0.99);
        return new Run(scenario, name, result, usage);
    }
}
