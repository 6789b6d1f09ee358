package com.example.likes.platform.grpc.ratelimit;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many calls each caller may make to each method. Every (caller, method) pair has a bucket of its own that
 * holds {@code requests} calls and refills at {@code requests} per {@code per}; a call that finds it empty is
 * answered {@code RESOURCE_EXHAUSTED} with the time until the next call is allowed.
 *
 * @param enabled whether calls are limited at all ({@code PLATFORM_GRPC_RATE_LIMIT_ENABLED})
 * @param requests calls allowed per {@code per} to one method for one caller, unless a rule says otherwise
 *     ({@code PLATFORM_GRPC_RATE_LIMIT_REQUESTS})
 * @param per the period of {@code requests} ({@code PLATFORM_GRPC_RATE_LIMIT_PER})
 * @param rules other limits for some callers or methods; the first rule that matches a call wins
 */
@ConfigurationProperties("platform.grpc.rate-limit")
public record GrpcRateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200") long requests,
        @DefaultValue("1s") Duration per,
        @DefaultValue List<Rule> rules) {

    public GrpcRateLimitProperties {
        requirePositive(requests, per, "platform.grpc.rate-limit");
        for (int i = 0; i < rules.size(); i++) {
            requirePositive(rules.get(i).requests(), rules.get(i).per(), "platform.grpc.rate-limit.rules[" + i + "]");
        }
    }

    /**
     * A limit for the calls of one caller, of one method, or both.
     *
     * @param caller the caller it applies to (as named by its API key), or every caller when absent
     * @param method {@code package.Service/Method} or {@code package.Service/*}, or every method when absent
     * @param requests calls allowed per {@code per}
     * @param per the period of {@code requests}
     */
    public record Rule(@Nullable String caller, @Nullable String method, long requests, Duration per) {

        boolean matches(String callerName, String fullMethodName) {
            return (caller == null || caller.equals(callerName))
                    && (method == null
                            || method.equals(fullMethodName)
                            || (method.endsWith("/*")
                                    && fullMethodName.startsWith(method.substring(0, method.length() - 1))));
        }
    }

    private static void requirePositive(long requests, @Nullable Duration per, String name) {
        if (requests < 1 || per == null || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException(name + " must allow at least 1 request per a positive period");
        }
    }
}
