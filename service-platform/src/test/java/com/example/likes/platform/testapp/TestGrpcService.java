package com.example.likes.platform.testapp;

import com.example.likes.platform.observability.Correlation;
import com.google.protobuf.StringValue;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.micrometer.tracing.Tracer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * {@code platform.test.TestService}, built from well-known protobuf types so that the platform needs no .proto of its
 * own: {@code Echo} answers what it got, {@code WhoAmI} what the call looked like from inside, {@code Relay} calls
 * {@code WhoAmI} in turn and answers both views, {@code Fail} throws the failure it is asked for (see
 * {@link Failures}), and {@code Wait} returns once the {@link Gate} is open or its caller gave up.
 */
@Component
public class TestGrpcService implements BindableService {

    public static final String NAME = "platform.test.TestService";
    public static final MethodDescriptor<StringValue, StringValue> ECHO = unary("Echo");
    public static final MethodDescriptor<StringValue, StringValue> WHO_AM_I = unary("WhoAmI");
    public static final MethodDescriptor<StringValue, StringValue> RELAY = unary("Relay");
    public static final MethodDescriptor<StringValue, StringValue> FAIL = unary("Fail");
    public static final MethodDescriptor<StringValue, StringValue> WAIT = unary("Wait");

    private final Gate gate;
    private final Tracer tracer;
    private final Channel self;

    TestGrpcService(Gate gate, Tracer tracer, Channel self) {
        this.gate = gate;
        this.tracer = tracer;
        this.self = self;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return ServerServiceDefinition.builder(NAME)
                .addMethod(ECHO, ServerCalls.asyncUnaryCall(TestGrpcService::answer))
                .addMethod(
                        WHO_AM_I,
                        ServerCalls.asyncUnaryCall((request, response) -> answer(
                                StringValue.of("caller=%s virtual=%s trace_id=%s request_id=%s"
                                        .formatted(
                                                Optional.ofNullable(SecurityContextHolder.getContext()
                                                                .getAuthentication())
                                                        .map(Authentication::getName)
                                                        .orElse("-"),
                                                Thread.currentThread().isVirtual(),
                                                Correlation.traceId(tracer),
                                                Correlation.requestId(tracer))),
                                response)))
                .addMethod(RELAY, ServerCalls.asyncUnaryCall((request, response) -> {
                    StringValue seen = ClientCalls.blockingUnaryCall(
                            self, WHO_AM_I, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), request);
                    answer(
                            StringValue.of("relay trace_id=%s request_id=%s -> %s"
                                    .formatted(
                                            Correlation.traceId(tracer),
                                            Correlation.requestId(tracer),
                                            seen.getValue())),
                            response);
                }))
                .addMethod(FAIL, ServerCalls.asyncUnaryCall((request, response) -> {
                    throw Failures.sneakyThrow(Failures.named(request.getValue()));
                }))
                .addMethod(WAIT, ServerCalls.asyncUnaryCall((request, response) -> {
                    try {
                        gate.pass();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    answer(request, response);
                }))
                .build();
    }

    public static MethodDescriptor<StringValue, StringValue> unary(String method) {
        return MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(NAME, method))
                .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .build();
    }

    private static void answer(StringValue value, StreamObserver<StringValue> response) {
        response.onNext(value);
        response.onCompleted();
    }
}
