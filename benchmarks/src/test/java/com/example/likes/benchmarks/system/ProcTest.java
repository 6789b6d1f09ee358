package com.example.likes.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcTest {

    @Test
    void cpuTimeIsUserPlusSystemTicksCountedAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 40 0 1000 0 0";

        assertThat(Proc.cpuMillisOf(stat)).isEqualTo((250 + 50) * 1000 / Proc.TICKS_PER_SECOND);
    }

    @Test
    void aProcessCountsWithTheCpuTimeOfItsEndedChildren() {
        String stat = "4242 (postgres) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 700 20 20 0 40 0 1000 0 0";

        assertThat(Proc.cpuMillisWithEndedChildrenOf(stat))
                .isEqualTo((250 + 50 + 700 + 20) * 1000 / Proc.TICKS_PER_SECOND);
        assertThat(Proc.cpuMillisOf(stat)).isEqualTo((250 + 50) * 1000 / Proc.TICKS_PER_SECOND);
    }

    @Test
    void theMachineIsBusyExceptWhenIdleOrWaitingForIo() {
        long[] ticks = Proc.machineTicksOf("cpu  100 5 45 800 50 0 0 0 0 0");

        assertThat(ticks).containsExactly(150, 1000);
    }

    @Test
    void aThreadsNameIsReadBetweenTheFirstAndTheLastParenthesis() {
        assertThat(Proc.nameOf("77 (C2 CompilerThre) S 1 2 3")).isEqualTo("C2 CompilerThre");
        assertThat(Proc.nameOf("77 (java (odd) name) S 1 2 3")).isEqualTo("java (odd) name");
        assertThat(JitMonitor.COMPILER_THREAD)
                .accepts("C1 CompilerThre", "C2 CompilerThre")
                .rejects("VM Thread", "ForkJoinPool-1-", "main");
    }

    @Test
    void theCpuTimeOfNamedThreadsCountsOnlyThoseThreads() throws Exception {
        if (!Proc.available()) {
            return;
        }
        long pid = ProcessHandle.current().pid();
        CountDownLatch burned = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread busy = Thread.ofPlatform().name("busy-probe").start(() -> {
            // 300 ms of this thread's own CPU time, however busy the machine is.
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            while (threads.getCurrentThreadCpuTime() < TimeUnit.MILLISECONDS.toNanos(300)) {
                Thread.onSpinWait();
            }
            burned.countDown();
            awaitQuietly(done);
        });
        burned.await();

        long probe = Proc.threadsCpuMillis(pid, "busy-probe"::equals);
        long nobody = Proc.threadsCpuMillis(pid, "no such thread"::equals);
        done.countDown();
        busy.join();

        assertThat(probe).isBetween(250L, Proc.cpuMillis(pid));
        assertThat(nobody).isZero();
        assertThat(Proc.threadsCpuMillis(Long.MAX_VALUE, name -> true)).isEqualTo(-1);
    }

    @Test
    void theJitMonitorGivesTheCompilersShareOfAProcessThatUsedCpu() {
        if (!Proc.available()) {
            return;
        }
        JitMonitor monitor =
                new JitMonitor(Map.of("self", () -> ProcessHandle.current().pid()), Duration.ofHours(1));
        monitor.begin();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        monitor.tick();
        monitor.end(0);

        // The load ended before its first hour: both shares are those of the whole window.
        assertThat(monitor.shares()).containsOnlyKeys("self");
        JitMonitor.Share share = monitor.shares().get("self");
        assertThat(share.window()).isBetween(0.0, 0.9);
        assertThat(share.firstSeconds()).isEqualTo(share.window());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void thisProcessCanBeMeasuredOnLinux() {
        if (!Proc.available()) {
            return;
        }
        long pid = ProcessHandle.current().pid();
        assertThat(Proc.rssBytes(pid)).isPositive();
        assertThat(Proc.cpuMillis(pid)).isGreaterThanOrEqualTo(0);
        assertThat(Proc.machineTicks()[1]).isPositive();
        assertThat(Proc.rssBytes(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
