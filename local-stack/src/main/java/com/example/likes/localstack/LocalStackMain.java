package com.example.likes.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local.sh}: starts the whole system on the default ports, prints where each part listens, and on
 * Ctrl-C or SIGTERM stops the services gracefully and then PostgreSQL, leaving no process behind.
 */
public final class LocalStackMain {

    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        StackSettings settings = StackSettings.fromEnvironment(Path.of("").toAbsolutePath());
        System.out.println("Starting PostgreSQL, dashboard-service and product-service (logs in "
                + settings.workDirectory().resolve("logs") + ") ...");
        LocalStack stack = LocalStack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping ...");
                            stack.close();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "local-stack-stop"));
        System.out.printf(
                """

                The system is up.
                  dashboard-service  REST http://localhost:%d  gRPC localhost:%d
                  product-service    REST http://localhost:%d  gRPC localhost:%d
                  PostgreSQL         %s
                Swagger UI: http://localhost:%d/swagger-ui.html and http://localhost:%d/swagger-ui.html
                gRPC: %s
                Press Ctrl-C to stop.
                %n""",
                settings.dashboardHttpPort(),
                settings.dashboardGrpcPort(),
                settings.productHttpPort(),
                settings.productGrpcPort(),
                settings.embeddedPostgres()
                        ? "embedded, localhost:" + settings.postgresPort()
                        : settings.postgresAdminUrl(),
                settings.dashboardHttpPort(),
                settings.productHttpPort(),
                settings.grpcTls()
                        ? "mutual TLS; a developer's certificate: "
                                + settings.certificates().certificate("developer")
                        : "plaintext (PLATFORM_GRPC_TLS_ENABLED=false)");
        stopped.await();
    }
}
