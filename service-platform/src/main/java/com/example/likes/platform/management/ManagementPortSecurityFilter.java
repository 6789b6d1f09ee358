package com.example.likes.platform.management;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.BeanIds;

/**
 * Puts Spring Security's filter on the management port, and only there: this configuration lives in the
 * management port's own (child) context. Spring Boot's registration of the filter, which it shares between both
 * ports, is switched off ({@link ManagementSecurityAutoConfiguration#securityOnTheManagementPortOnly()}).
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ManagementPortSecurityFilter {

    /** Spring Boot's default order for Spring Security's filter ({@code spring.security.filter.order}). */
    private static final int ORDER = -100;

    @Bean
    DelegatingFilterProxyRegistrationBean managementPortSecurityFilter() {
        var registration = new DelegatingFilterProxyRegistrationBean(BeanIds.SPRING_SECURITY_FILTER_CHAIN);
        registration.setOrder(ORDER);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
        return registration;
    }
}
