package com.example.likes.platform.admission;

import com.example.likes.platform.grpc.GrpcInterceptorOrder;
import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import io.grpc.ServerCall;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Admission control ({@code platform.admission.*}): an adaptive concurrency limit on the REST port and another on
 * the gRPC server, and a fixed cap on the public reads in progress.
 */
@AutoConfiguration
@EnableConfigurationProperties({AdmissionProperties.class, PlatformGrpcServerProperties.class})
public class AdmissionAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Rest {

        /**
         * Early: after the request's observation and request id (so that refusals are counted and logged), before
         * authentication, the body limit and everything else that costs work.
         */
        @Bean
        FilterRegistrationBean<AdmissionFilter> admissionFilter(
                AdmissionProperties properties,
                ObjectProvider<MeterRegistry> meters,
                @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
            Optional<com.netflix.concurrency.limits.Limiter<HttpServletRequest>> adaptive = properties.enabled()
                    ? Optional.of(AdmissionLimits.adaptiveSharedBy(
                            AdmissionFilter.READS,
                            AdmissionFilter.OTHERS,
                            AdmissionFilter::kindOf,
                            properties,
                            new LimiterMetrics(meters.getIfAvailable(SimpleMeterRegistry::new), "rest")))
                    : Optional.empty();
            var registration = new FilterRegistrationBean<>(new AdmissionFilter(
                    adaptive, AdmissionLimits.fixed(properties.readConcurrency()), properties.retryAfter(), resolver));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GlobalServerInterceptor.class)
    @ConditionalOnBooleanProperty(name = "platform.admission.enabled", matchIfMissing = true)
    static class Grpc {

        @Bean
        @GlobalServerInterceptor
        @Order(GrpcInterceptorOrder.ADMISSION)
        GrpcAdmissionInterceptor grpcAdmissionInterceptor(
                AdmissionProperties properties,
                PlatformGrpcServerProperties server,
                ObjectProvider<MeterRegistry> meters) {
            com.netflix.concurrency.limits.Limiter<ServerCall<?, ?>> limiter = AdmissionLimits.adaptive(
                    properties, new LimiterMetrics(meters.getIfAvailable(SimpleMeterRegistry::new), "grpc"));
            return new GrpcAdmissionInterceptor(limiter, server, properties.retryAfter());
        }
    }
}
