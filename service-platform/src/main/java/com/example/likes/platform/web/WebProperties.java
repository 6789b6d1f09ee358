package com.example.likes.platform.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST edge of a service.
 *
 * @param maxRequestBody the largest request body accepted; larger ones get 413 ({@code PLATFORM_WEB_MAX_REQUEST_BODY})
 * @param retryAfter what a 503 tells the caller to wait before retrying ({@code PLATFORM_WEB_RETRY_AFTER})
 */
@ConfigurationProperties("platform.web")
public record WebProperties(
        @DefaultValue("64KB") DataSize maxRequestBody,
        @DefaultValue("5s") Duration retryAfter) {}
