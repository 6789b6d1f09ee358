package com.example.likes.platform.web.ratelimit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Limits per client on the public API ({@code /api/**}): one budget for writes, one for reads. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "platform.web.rate-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RestRateLimitProperties.class)
public class RestRateLimitAutoConfiguration {

    @Bean
    WebMvcConfigurer clientRateLimit(RestRateLimitProperties properties) {
        var interceptor = new ClientRateLimitInterceptor(properties);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).addPathPatterns("/api/**");
            }
        };
    }
}
