package com.example.likes.benchmarks.external;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExternalToolTest {

    @Test
    void aGrpcFrameIsAnUncompressedFlagTheBigEndianLengthAndTheMessage() {
        byte[] message = new byte[300];
        message[299] = 7;

        byte[] frame = ExternalTool.grpcFrame(message);

        assertThat(frame).hasSize(305);
        assertThat(frame[0]).isZero();
        assertThat(new byte[] {frame[1], frame[2], frame[3], frame[4]}).containsExactly(0, 0, 1, 44);
        assertThat(frame[304]).isEqualTo((byte) 7);
    }

    @Test
    void h2loadsThroughputAndFailuresAreReadFromItsSummary() {
        String output = """
                finished in 20.00s, 11873.45 req/s, 1.23MB/s
                requests: 237469 total, 237533 started, 237469 done, 237469 succeeded, 0 failed, 0 errored, 0 timeout
                time for request:      734us     43.73ms      5.36ms      2.51ms    78.93%
                """;

        assertThat(ExternalTool.firstDouble(output, "finished in [^,]+, ([0-9.]+) req/s"))
                .isEqualTo(11873.45);
        assertThat(ExternalTool.failedOf(output)).isZero();
    }

    @Test
    void wrksThroughputIsReadFromItsRequestsPerSecondLine() {
        String output = "  Latency Distribution\n     50%    9.83ms\n     99%   41.20ms\nRequests/sec:   6421.77\n";

        assertThat(ExternalTool.firstDouble(output, "Requests/sec:\\s+([0-9.]+)"))
                .isEqualTo(6421.77);
    }

    @Test
    void theToolsCpuTimeIsItsChildrensLineOfTheShellsTimes() {
        String output = "Requests/sec:   6421.77\n0m0.002s 0m0.001s\n1m2.500s 0m10.250s\n";

        assertThat(ExternalTool.cpuMillisOf(output)).isEqualTo(72_750.0);
    }

    @Test
    void withoutTheShellsTimesTheCpuTimeIsUnknown() {
        assertThat(ExternalTool.cpuMillisOf("Requests/sec:   6421.77\n")).isNaN();
    }
}
