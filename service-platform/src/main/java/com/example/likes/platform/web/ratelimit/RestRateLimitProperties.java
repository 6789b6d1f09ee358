package com.example.likes.platform.web.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many writing REST requests (POST, PUT, PATCH, DELETE under {@code /api/}) one client address may send.
 *
 * @param enabled whether writes are limited at all ({@code PLATFORM_WEB_RATE_LIMIT_ENABLED})
 * @param requests writes per {@code per} and client address ({@code PLATFORM_WEB_RATE_LIMIT_REQUESTS})
 * @param per the period of that limit ({@code PLATFORM_WEB_RATE_LIMIT_PER})
 * @param maxClients how many client addresses are tracked at once; the least recently seen are forgotten first
 *     ({@code PLATFORM_WEB_RATE_LIMIT_MAX_CLIENTS})
 */
@ConfigurationProperties("platform.web.rate-limit")
public record RestRateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") int requests,
        @DefaultValue("1s") Duration per,
        @DefaultValue("100000") int maxClients) {

    public RestRateLimitProperties {
        if (requests < 1 || per.isNegative() || per.isZero() || maxClients < 1) {
            throw new IllegalArgumentException(
                    "platform.web.rate-limit needs requests >= 1, a positive period and max-clients >= 1");
        }
    }
}
