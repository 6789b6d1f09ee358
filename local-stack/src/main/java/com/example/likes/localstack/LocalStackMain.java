package com.example.likes.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local.sh}: starts the whole system on the default ports, prints where each part listens, and on
 * Ctrl-C or SIGTERM stops the services gracefully and then PostgreSQL, leaving no process behind.
 */
public final class LocalStackMain {

    private static final Duration TRAINING_NOTICE_WITHIN = Duration.ofMinutes(30);

    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        StackSettings settings = StackSettings.fromEnvironment(Path.of("").toAbsolutePath());
        List<String> names =
                settings.services().stream().map(ServiceDescriptor::name).toList();
        System.out.println("Starting PostgreSQL and " + String.join(", ", names) + " (logs in "
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
        System.out.println(banner(settings, stack));
        if (AotCache.supported() && !stack.startedFromAotCaches()) {
            System.out.println("Making the services' start-up caches (JDK AOT caches) in the background, for the next"
                    + " start ...");
            CompletableFuture.runAsync(() -> {
                if (stack.awaitAotCaches(TRAINING_NOTICE_WITHIN)) {
                    System.out.println("Start-up caches made: the next start is faster.");
                }
            });
        }
        stopped.await();
    }

    /** Where every part listens, one line per service, as {@code ./run-local.sh} prints it. */
    static String banner(StackSettings settings, LocalStack stack) {
        int width = settings.services().stream()
                .mapToInt(service -> service.name().length())
                .max()
                .orElse(0);
        StringBuilder banner = new StringBuilder("\nThe system is up.\n");
        for (ServiceProcess service : stack.services()) {
            banner.append("  %s  REST %s  gRPC %s  management %s%n"
                    .formatted(
                            pad(service.name(), width),
                            service.baseUri(),
                            service.grpcTarget(),
                            service.managementUri()));
        }
        if (settings.issuer() != null) {
            banner.append("  %s  %s (development OpenID Connect issuer)%n"
                    .formatted(pad("issuer", width), settings.issuerUri()));
        }
        banner.append("  %s  %s%n"
                .formatted(
                        pad("PostgreSQL", width),
                        settings.embeddedPostgres()
                                ? "embedded, " + settings.connectHost() + ":" + settings.postgresPort()
                                : settings.postgresAdminUrl()));
        banner.append(
                settings.loopbackOnly()
                        ? "Listening on %s only (LOCAL_STACK_BIND_ADDRESS).%n".formatted(settings.bindAddress())
                        : "Listening on %s: reachable from the network, development keys included (LOCAL_STACK_BIND_ADDRESS).%n"
                                .formatted(settings.bindAddress()));
        banner.append("API docs: <REST>/v3/api-docs, Swagger UI: <REST>/swagger-ui.html\n");
        if (settings.issuer() != null) {
            banner.append("A product editor's token for the writes (Authorization: Bearer $TOKEN):\n  ")
                    .append(tokenCommand(settings))
                    .append('\n');
        }
        banner.append("gRPC: "
                + (settings.grpcTls()
                        ? "mutual TLS; a developer's certificate: "
                                + settings.certificates().certificate(StackSettings.GrpcKeys.DEVELOPER)
                        : "plaintext (PLATFORM_GRPC_TLS_ENABLED=false)")
                + "\n");
        banner.append("Press Ctrl-C to stop.\n");
        return banner.toString();
    }

    /** The one curl that fetches the product editor's token from the development issuer. */
    static String tokenCommand(StackSettings settings) {
        String secret = System.getenv().getOrDefault("DEV_AUTH_EDITOR_SECRET", DevTokens.EDITOR_SECRET);
        return "TOKEN=$(curl -s -u %s:%s -d grant_type=client_credentials -d 'scope=%s' %s/oauth2/token | jq -r .access_token)"
                .formatted(DevTokens.EDITOR, secret, DevTokens.EDITOR_SCOPES, settings.issuerUri());
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
