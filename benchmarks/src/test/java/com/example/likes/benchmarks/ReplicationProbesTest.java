package com.example.likes.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's lag probes against a fake product-service that has each product only some time after asked. */
class ReplicationProbesTest {

    private static final long LAG_MILLIS = 300;

    private final Map<String, Long> firstAsked = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final CountDownLatch testEnded = new CountDownLatch(1);
    private HttpServer product;

    @BeforeEach
    void startProductService() throws IOException {
        product = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        product.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        // 200 once the product has been asked for LAG_MILLIS, 404 before; "broken" always answers 500, "hanging"
        // answers only when the test has ended.
        product.createContext("/api/products/", exchange -> {
            reads.incrementAndGet();
            String id = exchange.getRequestURI().getPath().substring("/api/products/".length());
            long asked = firstAsked.computeIfAbsent(id, key -> System.nanoTime());
            if (id.equals("hanging")) {
                awaitQuietly(testEnded);
            }
            int status = id.equals("broken")
                    ? 500
                    : System.nanoTime() - asked >= TimeUnit.MILLISECONDS.toNanos(LAG_MILLIS) ? 200 : 404;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        product.start();
    }

    @AfterEach
    void stopProductService() {
        testEnded.countDown();
        product.stop(0);
    }

    @Test
    void aSampledCreateReturnsAtOnceAndItsProbeMeasuresTheLagWithinATenth() throws Exception {
        try (ReplicationProbes probes =
                new ReplicationProbes(product.getAddress().getPort(), 5)) {
            probes.begin();
            long before = System.nanoTime();
            for (int sequence = 0; sequence < 10; sequence++) {
                probes.created(sequence, "p" + sequence, System.nanoTime());
            }
            long handedOver = System.nanoTime() - before;

            ReplicationProbes.Measured measured = probes.awaitAll(Duration.ofSeconds(10));

            assertThat(Duration.ofNanos(handedOver)).isLessThan(Duration.ofMillis(LAG_MILLIS));
            assertThat(measured.lag().getTotalCount()).isEqualTo(2);
            assertThat(firstAsked).containsOnlyKeys("p0", "p5");
            assertThat(measured.lag().getMinValue() / 1e6).isGreaterThanOrEqualTo(LAG_MILLIS);
            // A tenth of the time waited, plus the first read's connection: the fake counts from that read.
            assertThat(measured.lag().getMaxValue() / 1e6).isLessThan(LAG_MILLIS * 1.1 + 20);
            assertThat(measured.failures()).isZero();
            assertThat(measured.polls()).isEqualTo(reads.get()).isBetween(2L, 2L * 60);
        }
    }

    @Test
    void aProbeThatGetsAnotherAnswerCountsAsFailedAndRecordsNoLag() throws Exception {
        try (ReplicationProbes probes =
                new ReplicationProbes(product.getAddress().getPort(), 1)) {
            probes.begin();
            probes.created(0, "broken", System.nanoTime());
            probes.created(1, "p1", System.nanoTime());

            ReplicationProbes.Measured measured = probes.awaitAll(Duration.ofSeconds(10));

            assertThat(measured.failures()).isOne();
            assertThat(measured.firstFailures()).singleElement().asString().contains("answered 500");
            assertThat(measured.lag().getTotalCount()).isOne();
        }
    }

    @Test
    void aProbeStillPollingWhenTheWaitEndsCountsAsFailed() throws Exception {
        try (ReplicationProbes probes =
                new ReplicationProbes(product.getAddress().getPort(), 1)) {
            probes.begin();
            probes.created(0, "hanging", System.nanoTime());

            ReplicationProbes.Measured measured = probes.awaitAll(Duration.ofMillis(200));

            assertThat(measured.failures()).isOne();
            assertThat(measured.firstFailures()).singleElement().asString().startsWith("1 probes still polling");
            assertThat(measured.lag().getTotalCount()).isZero();
        }
    }

    @Test
    void probesOfCreatesBeforeTheWindowBeganAreNotCounted() throws Exception {
        try (ReplicationProbes probes =
                new ReplicationProbes(product.getAddress().getPort(), 1)) {
            probes.created(0, "warm-up", System.nanoTime());
            probes.begin();
            probes.created(1, "measured", System.nanoTime());

            ReplicationProbes.Measured measured = probes.awaitAll(Duration.ofSeconds(10));

            assertThat(firstAsked).containsOnlyKeys("warm-up", "measured");
            assertThat(measured.lag().getTotalCount()).isOne();
            assertThat(measured.polls()).isLessThan(reads.get());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
