package com.example.likes.platform.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.testapp.TestApp;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/** What a service is refused at start about its management port (the port itself: dashboard and product tests). */
class ManagementSecurityConfigurationTest {

    @Test
    void actuatorOnTheRestPortRefusesToStart() {
        // No management port of its own: Actuator would be served on the REST port.
        var failure = catchThrowable(start("management.server.port="));

        assertThat(rootCause(failure)).hasMessageContaining("Actuator must be served on its own port");
    }

    @Test
    void aShortOperatorKeyRefusesToStartWithoutShowingIt() {
        var failure = catchThrowable(start("platform.management.operator-keys=short-key"));

        assertThat(rootCause(failure))
                .hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("short-key");
    }

    private static ThrowableAssert.ThrowingCallable start(String... properties) {
        return () -> TestApp.start(StackSettings.freePort(), properties).close();
    }

    private static Throwable rootCause(Throwable failure) {
        assertThat(failure).isNotNull();
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
