package com.example.likes.dashboard.product;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How product changes reach product-service. Where it listens is the gRPC channel
 * {@code spring.grpc.client.channel.product-service.target} ({@code PRODUCT_GRPC_TARGET}).
 *
 * @param deadline how long one call to product-service may take ({@code PRODUCT_SYNC_DEADLINE})
 */
@ConfigurationProperties("dashboard.product-sync")
record ProductSyncProperties(@DefaultValue("2s") Duration deadline) {}
