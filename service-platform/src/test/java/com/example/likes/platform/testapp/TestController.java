package com.example.likes.platform.testapp;

import com.example.likes.platform.observability.Correlation;
import com.example.likes.platform.web.auth.EndUser;
import com.google.protobuf.StringValue;
import com.google.rpc.RetryInfo;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.micrometer.tracing.Tracer;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST endpoints that fail as asked, and one that calls the test service over a channel Spring owns. */
@RestController
class TestController {

    private final Channel self;
    private final Tracer tracer;

    private final Gate gate;

    TestController(Channel self, Tracer tracer, Gate gate) {
        this.self = self;
        this.tracer = tracer;
        this.gate = gate;
    }

    /** A public read that holds its request until the {@link Gate} opens, for admission control. */
    @GetMapping("/api/test/wait")
    String readAndWait() throws InterruptedException {
        gate.pass();
        return "read";
    }

    /** A write that holds its request until the {@link Gate} opens. */
    @PostMapping("/api/test/wait")
    String writeAndWait() throws InterruptedException {
        gate.pass();
        return "written";
    }

    /** Fails as if a gRPC call this endpoint made had ended with {@code code}. */
    @GetMapping("/test/downstream/{code}")
    String downstream(@PathVariable Status.Code code, @RequestParam(required = false) Long retryAfterSeconds) {
        if (retryAfterSeconds == null) {
            throw Status.fromCode(code)
                    .withDescription("downstream said " + code)
                    .asRuntimeException();
        }
        throw StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage("downstream said " + code)
                .addDetails(com.google.protobuf.Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(retryAfterSeconds))
                        .build()))
                .build());
    }

    /** A writing endpoint of the public API, for the REST rate limit. */
    @PostMapping("/api/test/echo")
    String echo(@RequestBody String body) {
        return body;
    }

    @GetMapping("/api/test/echo")
    String read() {
        return "read";
    }

    /** Needs the scope {@code test:write} ({@link TestConfiguration#testRules()}). */
    @DeleteMapping("/api/test/guarded")
    String guarded() {
        return "deleted";
    }

    /** Who the caller is, as every service computes it from the token. */
    @GetMapping("/api/test/me")
    String me(JwtAuthenticationToken caller) {
        return EndUser.of(caller).id().toString();
    }

    @GetMapping("/test/fail/{name}")
    String fail(@PathVariable String name) throws Exception {
        throw Failures.named(name);
    }

    /**
     * What {@code Relay} saw when this request called it, and what the {@code WhoAmI} call it made in turn saw, after
     * this request's own trace and request ids: REST to gRPC to gRPC.
     */
    @GetMapping("/test/relay")
    String relay() {
        StringValue seen = ClientCalls.blockingUnaryCall(
                self,
                TestGrpcService.RELAY,
                io.grpc.CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                StringValue.of("relay"));
        return "rest trace_id=%s request_id=%s -> %s"
                .formatted(Correlation.traceId(tracer), Correlation.requestId(tracer), seen.getValue());
    }
}
