package com.example.likes.platform.grpc;

import com.example.likes.platform.error.InvalidInputException;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * Turns every exception a gRPC service throws into a {@link Status} from {@link StatusMapping}. Invalid input
 * also carries {@code google.rpc.BadRequest} field violations in the {@code grpc-status-details-bin} trailer.
 */
class PlatformGrpcExceptionHandler implements GrpcExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformGrpcExceptionHandler.class);

    @Override
    public StatusException handleException(Throwable failure) {
        Status status = StatusMapping.toStatus(failure);
        if (status.getCode() == Status.Code.INTERNAL) {
            log.error("gRPC call failed", failure);
        }
        if (failure instanceof InvalidInputException invalid) {
            return withFieldViolations(status, invalid);
        }
        return status.asException();
    }

    private static StatusException withFieldViolations(Status status, InvalidInputException invalid) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        invalid.violations()
                .forEach(v -> badRequest
                        .addFieldViolationsBuilder()
                        .setField(v.field())
                        .setDescription(v.message()));
        com.google.rpc.Status rich = com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(status.getDescription())
                .addDetails(Any.pack(badRequest.build()))
                .build();
        return StatusProto.toStatusException(rich);
    }
}
