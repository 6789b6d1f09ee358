package com.example.likes.product.like;

import com.example.likes.platform.grpc.client.GrpcClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the dashboard client to the one long-lived channel to the dashboard that the platform shares
 * ({@link GrpcClients}), with the channel's deadline ({@code PRODUCT_TO_DASHBOARD_DEADLINE}).
 */
@Configuration(proxyBeanMethods = false)
class DashboardClientConfiguration {

    /** The callee: its channel in {@code spring.grpc.client.channel.*}, and its key. */
    static final String DASHBOARD_SERVICE = "dashboard-service";

    @Bean
    DashboardClient dashboardClient(GrpcClients clients) {
        return new DashboardClient(clients.channel(DASHBOARD_SERVICE), clients.deadline(DASHBOARD_SERVICE));
    }
}
