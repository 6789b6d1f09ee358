package com.example.likes.product.like;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this service calls the dashboard. Where the dashboard is, and which calls are retried, is the gRPC
 * channel's configuration: {@code spring.grpc.client.channel.dashboard-service.*}.
 *
 * @param deadline how long one call may take, retries included ({@code PRODUCT_TO_DASHBOARD_DEADLINE})
 */
@ConfigurationProperties("product.dashboard")
record DashboardProperties(@DefaultValue("2s") Duration deadline) {}
