package com.example.likes.platform.testapp;

import com.example.likes.platform.web.auth.RestAccessRules;
import io.grpc.Channel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.http.HttpMethod;

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

    /** The test service's own permissions, as a service declares them. */
    @Bean
    RestAccessRules testRules() {
        return requests -> requests.requestMatchers(HttpMethod.DELETE, "/api/test/guarded")
                .hasAuthority("SCOPE_test:write")
                .requestMatchers(HttpMethod.GET, "/api/test/me")
                .authenticated();
    }

    @Bean
    CallEvents callEvents() {
        return new CallEvents();
    }
}
