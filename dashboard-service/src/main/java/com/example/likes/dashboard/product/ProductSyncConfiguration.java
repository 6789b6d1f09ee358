package com.example.likes.dashboard.product;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/** Wires {@link ProductReplicator} to product-service over the one long-lived channel that Spring owns. */
@Configuration(proxyBeanMethods = false)
class ProductSyncConfiguration {

    /** The name of the channel in {@code spring.grpc.client.channel.*}. */
    static final String CHANNEL = "product-service";

    @Bean
    ProductReplicator productReplicator(GrpcChannelFactory channels, ProductSyncProperties properties) {
        return new ProductReplicator(channels.createChannel(CHANNEL), properties.deadline());
    }
}
