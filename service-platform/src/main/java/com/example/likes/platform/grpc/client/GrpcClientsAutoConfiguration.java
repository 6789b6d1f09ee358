package com.example.likes.platform.grpc.client;

import com.example.likes.platform.grpc.auth.GrpcAuthAutoConfiguration;
import com.example.likes.platform.grpc.auth.GrpcClientAuthProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;

/** {@link GrpcClients}: the shared, checked channels to the servers a service calls. */
@AutoConfiguration(after = {GrpcClientAutoConfiguration.class, GrpcAuthAutoConfiguration.class})
@ConditionalOnBean(GrpcChannelFactory.class)
public class GrpcClientsAutoConfiguration {

    @Bean
    GrpcClients grpcClients(GrpcChannelFactory factory, GrpcClientProperties settings, GrpcClientAuthProperties keys) {
        return new GrpcClients(factory, settings, keys);
    }
}
