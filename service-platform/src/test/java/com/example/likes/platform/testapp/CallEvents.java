package com.example.likes.platform.testapp;

import com.example.likes.platform.grpc.call.GrpcCallFailed;
import com.example.likes.platform.grpc.call.GrpcCallFinished;
import com.example.likes.platform.grpc.call.GrpcCallStarted;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.context.event.EventListener;

/**
 * A service's listener of the platform's call events: records every one, and fails on purpose while told to, to
 * show that a failing listener changes nothing for the caller.
 */
public class CallEvents {

    private final Queue<Object> events = new ConcurrentLinkedQueue<>();
    private volatile boolean failing;

    @EventListener
    void started(GrpcCallStarted event) {
        record(event);
    }

    @EventListener
    void finished(GrpcCallFinished event) {
        record(event);
    }

    @EventListener
    void failed(GrpcCallFailed event) {
        record(event);
    }

    public void failFromNowOn(boolean failing) {
        this.failing = failing;
    }

    public void clear() {
        events.clear();
    }

    public List<Object> all() {
        return List.copyOf(events);
    }

    private void record(Object event) {
        events.add(event);
        if (failing) {
            throw new IllegalStateException("this listener fails on purpose");
        }
    }
}
