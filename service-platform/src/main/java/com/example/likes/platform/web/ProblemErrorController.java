package com.example.likes.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Spring Boot's error path ({@code server.error.path}, {@code /error}) as problem+json, in place of Boot's
 * {@code BasicErrorController} (a whitelabel HTML page or Boot's own JSON shape). Errors reach it when something
 * below Spring MVC calls {@code sendError} (a filter, the servlet container) or a request names the path itself.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

    @RequestMapping(produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        String detail = status == HttpStatus.NOT_FOUND
                ? "no such resource"
                : status.is5xxServerError() ? "the server failed to handle the request" : status.getReasonPhrase();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    // Asked for directly, /error is not an error: there is no resource there.
    private static HttpStatus statusOf(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                && HttpStatus.resolve(code) instanceof HttpStatus status
                && status.isError()) {
            return status;
        }
        return HttpStatus.NOT_FOUND;
    }
}
