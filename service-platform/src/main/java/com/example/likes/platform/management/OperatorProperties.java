package com.example.likes.platform.management;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the operator's endpoints on the management port.
 *
 * @param operatorKeys the keys an operator may present, as HTTP Basic ({@code operator:<key>}) or as
 *     {@code Authorization: Bearer <key>}; each at least 16 characters. List two while a key rotates. Each service
 *     reads them from its own variable ({@code DASHBOARD_OPERATOR_KEYS}, {@code PRODUCT_OPERATOR_KEYS}); with none,
 *     no one can use the operator's endpoints
 * @param failedLogins how many failed logins an address may make before its attempts are refused for a while
 */
@ConfigurationProperties("platform.management")
public record OperatorProperties(
        @DefaultValue List<String> operatorKeys,
        @DefaultValue FailedLoginLimit failedLogins) {

    // The record's generated toString would print every key.
    @Override
    public String toString() {
        return "OperatorProperties[operatorKeys=%d, failedLogins=%s]".formatted(operatorKeys.size(), failedLogins);
    }

    /**
     * The limit on failed operator logins per client address.
     *
     * @param max failed logins an address may make per {@code per} ({@code PLATFORM_MANAGEMENT_FAILED_LOGINS});
     *     beyond them its requests with a credential are 429 until the limit allows one again
     * @param per the period of {@code max} ({@code PLATFORM_MANAGEMENT_FAILED_LOGINS_PER})
     */
    public record FailedLoginLimit(
            @DefaultValue("10") long max,
            @DefaultValue("1m") Duration per) {

        public FailedLoginLimit {
            if (max < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException(
                        "platform.management.failed-logins: max must be at least 1 and per longer than zero");
            }
        }
    }
}
