package com.example.likes.platform.web.apidocs;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The part of each service's OpenAPI document that is the same for every service ({@link ApiDocumentation}), for a
 * service that serves one (springdoc on its class path). More customizers may describe more, such as a security
 * scheme: springdoc applies every {@link OpenApiCustomizer} bean.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocumentationAutoConfiguration {

    @Bean
    ApiDocumentation apiDocumentation(Environment environment, ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new ApiDocumentation(
                environment.getProperty("spring.application.name", "application"),
                properties == null ? null : properties.getVersion());
    }
}
