package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.likes.localstack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local stack starts each service from its JDK ahead-of-time cache where the JDK has one (decision 11). */
class AotCacheIT {

    private static final int FIRST_JDK_WITH_ONE_STEP_TRAINING = 25;

    @Test
    void onJdk25TheServicesStartedByTheLocalStackMapTheirAotCache() throws IOException {
        SystemUnderTest.LocalProcesses system = FaultTests.localProcesses();
        assumeTrue(Runtime.version().feature() >= FIRST_JDK_WITH_ONE_STEP_TRAINING, "the JDK has no AOT cache");
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "reads the processes' memory maps from /proc");

        for (ServiceProcess service : List.of(system.dashboard(), system.product())) {
            // A cache the JVM refused (another JDK, other options) is never mapped: the service started without it.
            String maps = Files.readString(Path.of("/proc", Long.toString(service.pid()), "maps"));
            assertThat(maps)
                    .as(service.name() + " maps its cache")
                    .contains(
                            Path.of(service.name(), "target", "aot", "app.aot").toString());
        }
    }
}
