package com.example.likes.platform.grpc;

import io.grpc.Status;
import io.grpc.StatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * Turns every exception a gRPC service throws into a {@link Status} from {@link StatusMapping}, with the rich
 * details of {@link StatusMapping#toStatusException}. Only unexpected failures are logged with their stack trace;
 * the caller never sees it.
 */
class PlatformGrpcExceptionHandler implements GrpcExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformGrpcExceptionHandler.class);

    @Override
    public StatusException handleException(Throwable failure) {
        StatusException answer = StatusMapping.toStatusException(failure);
        if (answer.getStatus().getCode() == Status.Code.INTERNAL) {
            log.error("gRPC call failed", failure);
        }
        return answer;
    }
}
