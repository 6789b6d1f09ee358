package com.example.likes.platform.testapp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * An operator's endpoint as the services have them ({@code /actuator/replication}): a read, and a write without
 * parameters, which Actuator accepts with any content type. Exposed where a test includes {@code operation}.
 */
@Component
@Endpoint(id = "operation")
public class TestOperation {

    private final AtomicInteger runs = new AtomicInteger();

    @ReadOperation
    public Map<String, Integer> runs() {
        return Map.of("runs", runs.get());
    }

    @WriteOperation
    public Map<String, Integer> run() {
        return Map.of("runs", runs.incrementAndGet());
    }
}
