package com.example.likes.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a suite or the benchmark adds to the stack's settings comes on top of what is there, never instead of it; the
 * free ports it hands out are ones no outgoing connection can take first.
 */
class StackSettingsTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void moreEnvironmentKeepsTheTestStacksRaisedRateLimitAndALaterValueWins() {
        StackSettings tests = StackSettings.forTests(REPOSITORY, work);

        StackSettings settings = tests.withServiceEnvironment(Map.of("A_SETTING", "one"))
                .withServiceEnvironment(Map.of("A_SETTING", "two", "ANOTHER_SETTING", "three"));

        assertThat(tests.serviceEnvironment()).containsEntry("PLATFORM_WEB_RATE_LIMIT_REQUESTS", "1000000");
        assertThat(settings.serviceEnvironment())
                .containsAllEntriesOf(tests.serviceEnvironment())
                .containsEntry("A_SETTING", "two")
                .containsEntry("ANOTHER_SETTING", "three");
    }

    @Test
    void moreJvmOptionsComeAfterTheOnesBefore() {
        StackSettings settings = StackSettings.forTests(REPOSITORY, work)
                .withServiceJvmOptions(List.of("-Dfirst=1"))
                .withServiceJvmOptions(List.of("-Dsecond=2"));

        assertThat(settings.serviceJvmOptions()).containsSubsequence("-Dfirst=1", "-Dsecond=2");
    }

    @Test
    void everyPartListensOnTheLoopbackUnlessToldOtherwise() {
        StackSettings settings = StackSettings.fromEnvironment(REPOSITORY, Map.of());
        ServiceDescriptor caller = callerOfAnother(settings);

        Map<String, String> environment = LocalStack.environmentOf(settings, caller, "jdbc:x", "pw");

        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.loopbackOnly()).isTrue();
        assertThat(environment)
                .containsEntry("SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("SPRING_GRPC_SERVER_ADDRESS", "127.0.0.1");
        ServiceDescriptor callee = settings.service(caller.calls().getFirst());
        assertThat(environment.get(caller.clientVariable(callee, "TARGET")))
                .isEqualTo("127.0.0.1:" + settings.portsOf(callee.name()).grpc());
    }

    @Test
    void toldToListenOnEveryInterfaceTheServicesStillReachEachOtherOverTheLoopback() {
        StackSettings settings =
                StackSettings.fromEnvironment(REPOSITORY, Map.of("LOCAL_STACK_BIND_ADDRESS", "0.0.0.0"));
        ServiceDescriptor caller = callerOfAnother(settings);

        Map<String, String> environment = LocalStack.environmentOf(settings, caller, "jdbc:x", "pw");

        assertThat(settings.loopbackOnly()).isFalse();
        assertThat(environment)
                .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("SPRING_GRPC_SERVER_ADDRESS", "0.0.0.0");
        ServiceDescriptor callee = settings.service(caller.calls().getFirst());
        assertThat(environment.get(caller.clientVariable(callee, "TARGET")))
                .isEqualTo("127.0.0.1:" + settings.portsOf(callee.name()).grpc());
    }

    @Test
    void anIpv6AddressIsBracketedWhereAPortFollowsIt() {
        StackSettings settings = StackSettings.fromEnvironment(REPOSITORY, Map.of("LOCAL_STACK_BIND_ADDRESS", "::1"));

        assertThat(settings.connectHost()).isEqualTo("[::1]");
        assertThat(settings.loopbackOnly()).isTrue();
    }

    private static ServiceDescriptor callerOfAnother(StackSettings settings) {
        return settings.services().stream()
                .filter(service -> !service.calls().isEmpty())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aFreePortIsBelowTheRangesTheSystemHandsOutAndCanBeBound() throws IOException {
        for (int i = 0; i < 20; i++) {
            int port = StackSettings.freePort();

            assertThat(port).isBetween(StackSettings.FIRST_CHOSEN_PORT, StackSettings.LAST_CHOSEN_PORT);
            try (ServerSocket server = new ServerSocket(port)) {
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void noFreePortIsHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            assertThat(ports.add(StackSettings.freePort())).isTrue();
        }
    }
}
