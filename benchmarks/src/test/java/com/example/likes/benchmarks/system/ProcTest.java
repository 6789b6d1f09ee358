package com.example.likes.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;

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
