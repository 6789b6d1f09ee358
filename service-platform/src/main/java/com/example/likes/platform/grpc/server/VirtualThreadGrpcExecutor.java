package com.example.likes.platform.grpc.server;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;

/**
 * Runs the gRPC server's request handling on virtual threads, one per task, as {@code spring.threads.virtual.enabled}
 * does for Tomcat. grpc-java's default is a cached pool of platform threads, which Spring Boot's virtual-thread
 * switch does not reach. The executor is closed after the server, when the context is destroyed.
 */
class VirtualThreadGrpcExecutor implements GrpcServerExecutorProvider, DisposableBean {

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("grpc-vt-", 0).factory());

    @Override
    public Executor getExecutor() {
        return executor;
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
