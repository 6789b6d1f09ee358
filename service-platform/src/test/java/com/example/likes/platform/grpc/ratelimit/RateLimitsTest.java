package com.example.likes.platform.grpc.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import com.example.likes.platform.grpc.ratelimit.GrpcRateLimitProperties.Rule;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private final RateLimits limits = new RateLimits(new GrpcRateLimitProperties(
            true,
            5,
            Duration.ofMinutes(1),
            List.of(
                    new Rule("developer", "dashboard.v1.UserService/GetUser", 1, Duration.ofMinutes(1)),
                    new Rule("developer", null, 2, Duration.ofMinutes(1)),
                    new Rule(null, "dashboard.v1.ProductService/*", 3, Duration.ofMinutes(1)),
                    new Rule("fast", null, 1, Duration.ofMillis(200)))));

    @Test
    void callsWithoutARuleHaveTheDefaultLimit() {
        assertThat(allowedOf10("product-service", "dashboard.v1.UserService/GetUser"))
                .isEqualTo(5);
    }

    @Test
    void theFirstMatchingRuleWins() {
        assertThat(allowedOf10("developer", "dashboard.v1.UserService/GetUser")).isEqualTo(1);
        assertThat(allowedOf10("developer", "dashboard.v1.ProductService/LikeProduct"))
                .isEqualTo(2);
        assertThat(allowedOf10("product-service", "dashboard.v1.ProductService/LikeProduct"))
                .isEqualTo(3);
    }

    @Test
    void eachCallerAndMethodHasABucketOfItsOwn() {
        allowedOf10("product-service", "dashboard.v1.UserService/GetUser");

        assertThat(limits.tryAcquire("other-service", "dashboard.v1.UserService/GetUser"))
                .isEmpty();
    }

    @Test
    void aRefusedCallIsToldHowLongToWaitAndIsLetThroughAfterThat() {
        assertThat(limits.tryAcquire("fast", "dashboard.v1.UserService/GetUser"))
                .isEmpty();

        assertThat(limits.tryAcquire("fast", "dashboard.v1.UserService/GetUser"))
                .hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200)));
        await().atMost(Duration.ofSeconds(2))
                .until(() -> limits.tryAcquire("fast", "dashboard.v1.UserService/GetUser")
                        .isEmpty());
    }

    @Test
    void aLimitMustLetSomethingThrough() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GrpcRateLimitProperties(true, 0, Duration.ofSeconds(1), List.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GrpcRateLimitProperties(
                        true, 1, Duration.ofSeconds(1), List.of(new Rule("x", null, 1, Duration.ZERO))))
                .withMessageContaining("rules[0]");
    }

    private long allowedOf10(String caller, String method) {
        return IntStream.range(0, 10)
                .filter(i -> limits.tryAcquire(caller, method).isEmpty())
                .count();
    }
}
