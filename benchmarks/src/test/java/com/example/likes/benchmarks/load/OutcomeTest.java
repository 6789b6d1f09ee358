package com.example.likes.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void aSuccessfulStatusIsAnAnswer() {
        assertThat(Outcome.ofHttp(200, false)).isEqualTo(Outcome.ANSWERED);
        assertThat(Outcome.ofHttp(201, false)).isEqualTo(Outcome.ANSWERED);
    }

    @Test
    void a503Or429WithRetryAfterIsARefusal() {
        assertThat(Outcome.ofHttp(503, true)).isEqualTo(Outcome.REFUSED);
        assertThat(Outcome.ofHttp(429, true)).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void anyOtherStatusIsAnError() {
        assertThat(Outcome.ofHttp(503, false)).isEqualTo(Outcome.ERROR);
        assertThat(Outcome.ofHttp(504, true)).isEqualTo(Outcome.ERROR);
        assertThat(Outcome.ofHttp(500, false)).isEqualTo(Outcome.ERROR);
        assertThat(Outcome.ofHttp(404, false)).isEqualTo(Outcome.ERROR);
    }

    @Test
    void grpcUnavailableAndResourceExhaustedAreRefusals() {
        assertThat(Outcome.ofGrpc(Status.Code.OK)).isEqualTo(Outcome.ANSWERED);
        assertThat(Outcome.ofGrpc(Status.Code.UNAVAILABLE)).isEqualTo(Outcome.REFUSED);
        assertThat(Outcome.ofGrpc(Status.Code.RESOURCE_EXHAUSTED)).isEqualTo(Outcome.REFUSED);
        assertThat(Outcome.ofGrpc(Status.Code.DEADLINE_EXCEEDED)).isEqualTo(Outcome.ERROR);
        assertThat(Outcome.ofGrpc(Status.Code.INTERNAL)).isEqualTo(Outcome.ERROR);
    }
}
