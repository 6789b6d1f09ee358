package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Once the services are up, the local stack makes each one's JDK ahead-of-time cache in the background, and a start
 * after that maps it (decision 37): every service of {@code services/}, a generated one included. Restarts services
 * that started without a cache, so it runs with the fault tests, after the others.
 */
@Order(FaultTests.AFTER_THE_OTHER_TESTS)
class AotCacheIT {

    private static final int FIRST_JDK_WITH_ONE_STEP_TRAINING = 25;
    // One training after another, beside the suite on two shared cores.
    private static final Duration TRAINED_WITHIN = Duration.ofMinutes(15);

    @Test
    void onJdk25EveryServiceStartedAfterTheTrainingMapsItsAotCache() throws IOException {
        SystemUnderTest.LocalProcesses system = FaultTests.localProcesses();
        assumeTrue(Runtime.version().feature() >= FIRST_JDK_WITH_ONE_STEP_TRAINING, "the JDK has no AOT cache");
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "reads the processes' memory maps from /proc");
        LocalStack stack = system.stack();

        assertThat(stack.awaitAotCaches(TRAINED_WITHIN))
                .as("every service has a cache")
                .isTrue();
        for (ServiceProcess service : stack.services()) {
            if (!service.startedFromAotCache()) {
                service.stop(FaultTests.STOP_TIMEOUT);
                FaultTests.startAndAwaitReady(service);
            }

            // A cache the JVM refused (another JDK, other options) is never mapped: the service started without it.
            String maps = Files.readString(Path.of("/proc", Long.toString(service.pid()), "maps"));
            assertThat(maps)
                    .as(service.name() + " maps its cache")
                    .contains(Path.of(service.name(), "target", "aot").toString())
                    .contains("app.aot");
        }
    }
}
