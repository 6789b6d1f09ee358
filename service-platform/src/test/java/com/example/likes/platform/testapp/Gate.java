package com.example.likes.platform.testapp;

import io.grpc.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds calls to {@code Wait} until a test opens it, or until their caller gives up, so that a test has a call in
 * flight for as long as it needs.
 */
public class Gate {

    private volatile CompletableFuture<Void> opened = new CompletableFuture<>();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final AtomicInteger waiting = new AtomicInteger();

    public void open() {
        opened.complete(null);
    }

    public void close() {
        opened = new CompletableFuture<>();
    }

    /** Whether a call has reached the gate since the application started. */
    public boolean entered() {
        return entered.getCount() == 0;
    }

    /** How many calls and requests wait at the gate now. */
    public int waiting() {
        return waiting.get();
    }

    /** Returns once the gate is open, or once the gRPC call this thread serves is cancelled. */
    void pass() throws InterruptedException {
        entered.countDown();
        waiting.incrementAndGet();
        try {
            await();
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void await() throws InterruptedException {
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        Context.current().addListener(context -> cancelled.complete(null), Runnable::run);
        try {
            CompletableFuture.anyOf(opened, cancelled).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the gate was never opened", e);
        }
    }
}
