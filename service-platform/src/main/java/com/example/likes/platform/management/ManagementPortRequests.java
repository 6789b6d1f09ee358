package com.example.likes.platform.management;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Matches the requests that reach the management port: Spring Boot serves that port from a child application
 * context of its own, whose web server is named {@value #NAMESPACE}. One filter chain of Spring Security serves both
 * ports; this tells them apart whatever the port numbers are.
 */
final class ManagementPortRequests implements RequestMatcher {

    private static final String NAMESPACE = "management";

    @Override
    public boolean matches(HttpServletRequest request) {
        WebApplicationContext context =
                WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
        return context != null && WebServerApplicationContext.hasServerNamespace(context, NAMESPACE);
    }
}
