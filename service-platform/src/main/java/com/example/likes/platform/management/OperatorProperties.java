package com.example.likes.platform.management;

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
 */
@ConfigurationProperties("platform.management")
public record OperatorProperties(@DefaultValue List<String> operatorKeys) {

    // The record's generated toString would print every key.
    @Override
    public String toString() {
        return "OperatorProperties[operatorKeys=%d]".formatted(operatorKeys.size());
    }
}
