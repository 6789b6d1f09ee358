package com.example.likes.platform.testapp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds calls to {@code Wait} until a test opens it, so that a test has a call in flight for as long as it needs. */
public class Gate {

    private volatile CountDownLatch latch = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);

    public void open() {
        latch.countDown();
    }

    public void close() {
        latch = new CountDownLatch(1);
    }

    /** Whether a call has reached the gate since the application started. */
    public boolean entered() {
        return entered.getCount() == 0;
    }

    void pass() throws InterruptedException {
        entered.countDown();
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gate was never opened");
        }
    }
}
