package com.example.likes.platform.web;

import io.micrometer.tracing.Tracer;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * The REST edge both services share: problem+json errors (from Spring MVC, from Boot's error path and from the
 * servlet container itself), the request body limit, strict JSON and strict ids, and a request id on every request.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication
@EnableConfigurationProperties(WebProperties.class)
public class WebPlatformAutoConfiguration {

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice(WebProperties properties) {
        return new ProblemDetailsAdvice(properties);
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** Tomcat renders what it refuses itself (malformed paths, headers ...) as problem+json too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    StrictIdBinding strictIdBinding() {
        return new StrictIdBinding();
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            WebProperties properties, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), resolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Inside Spring's HTTP observation filter ({@code HIGHEST_PRECEDENCE + 1}), so that the span is current. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(ObjectProvider<Tracer> tracer) {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter(tracer.getIfAvailable()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * Request bodies are strictly typed, so that a wrong type is a 400 instead of a silent conversion: unknown
     * fields are rejected, {@code "5"} is not a number, {@code 1.5} is not a whole number, and {@code 5} or
     * {@code true} is not a string, a field sent twice ({@code {"title":"a","title":"b"}}) is refused instead of
     * the last one winning, and so is anything after the body's JSON value. An absent {@code Optional} field binds
     * to {@code null}, so that a PATCH body can tell "not sent" ({@code null}) from "sent as null"
     * ({@code Optional.empty()}).
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.USE_NULL_FOR_MISSING_REFERENCE_VALUES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
