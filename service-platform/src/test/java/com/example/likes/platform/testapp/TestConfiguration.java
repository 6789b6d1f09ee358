package com.example.likes.platform.testapp;

import io.grpc.Channel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

@Configuration(proxyBeanMethods = false)
class TestConfiguration {

    @Bean
    Gate gate() {
        return new Gate();
    }

    /** A channel Spring owns to the application's own gRPC server, with the key of caller {@code relay}. */
    @Bean
    Channel self(GrpcChannelFactory channels) {
        return channels.createChannel("self");
    }

    @Bean
    CallEvents callEvents() {
        return new CallEvents();
    }
}
