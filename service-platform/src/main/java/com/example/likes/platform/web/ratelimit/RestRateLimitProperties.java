package com.example.likes.platform.web.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests to the public REST API ({@code /api/**}) one client may send: writes (POST, PUT, PATCH,
 * DELETE) and reads (everything else) each have a budget of their own. A client is an IPv4 address or an IPv6 /64.
 *
 * @param enabled whether requests are limited at all ({@code PLATFORM_WEB_RATE_LIMIT_ENABLED})
 * @param requests writes per {@code per} and client ({@code PLATFORM_WEB_RATE_LIMIT_REQUESTS})
 * @param per the period of that limit ({@code PLATFORM_WEB_RATE_LIMIT_PER})
 * @param readRequests reads per {@code readPer} and client ({@code PLATFORM_WEB_RATE_LIMIT_READ_REQUESTS})
 * @param readPer the period of that limit ({@code PLATFORM_WEB_RATE_LIMIT_READ_PER})
 * @param maxClients how many clients each limit tracks at once; the least recently seen are forgotten first
 *     ({@code PLATFORM_WEB_RATE_LIMIT_MAX_CLIENTS})
 */
@ConfigurationProperties("platform.web.rate-limit")
public record RestRateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") int requests,
        @DefaultValue("1s") Duration per,
        @DefaultValue("200") int readRequests,
        @DefaultValue("1s") Duration readPer,
        @DefaultValue("100000") int maxClients) {

    public RestRateLimitProperties {
        if (requests < 1 || readRequests < 1 || !positive(per) || !positive(readPer) || maxClients < 1) {
            throw new IllegalArgumentException("platform.web.rate-limit needs requests >= 1 and read-requests >= 1,"
                    + " positive periods and max-clients >= 1");
        }
    }

    private static boolean positive(Duration period) {
        return !period.isNegative() && !period.isZero();
    }
}
