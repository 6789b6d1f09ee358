package com.example.likes.product.like;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/** Wires the dashboard client to the one long-lived channel that Spring creates, shares and shuts down. */
@Configuration(proxyBeanMethods = false)
class DashboardClientConfiguration {

    /** The name of the channel under {@code spring.grpc.client.channel}: the callee's service name. */
    static final String CHANNEL = "dashboard-service";

    @Bean
    DashboardClient dashboardClient(GrpcChannelFactory channels, DashboardProperties properties) {
        return new DashboardClient(channels.createChannel(CHANNEL), properties.deadline());
    }
}
