package com.example.likes.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;

/** Reads the {@code google.rpc.BadRequest} details that the service attaches to {@code INVALID_ARGUMENT}. */
public final class GrpcErrors {

    private GrpcErrors() {}

    /** The names of the fields that the failure's {@code BadRequest} details blame. */
    public static List<String> violatedFields(StatusRuntimeException failure) {
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        assertThat(status)
                .as("google.rpc.Status in the grpc-status-details-bin trailer")
                .isNotNull();
        return status.getDetailsList().stream()
                .filter(detail -> detail.is(BadRequest.class))
                .flatMap(detail -> unpack(detail).getFieldViolationsList().stream())
                .map(BadRequest.FieldViolation::getField)
                .toList();
    }

    private static BadRequest unpack(Any detail) {
        try {
            return detail.unpack(BadRequest.class);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("BadRequest detail does not parse", e);
        }
    }
}
