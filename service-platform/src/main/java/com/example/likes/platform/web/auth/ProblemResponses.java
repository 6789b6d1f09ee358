package com.example.likes.platform.web.auth;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json answer from a servlet filter, where Spring MVC's error handling does not reach: the shape of
 * {@code ProblemDetailsAdvice}'s problems ({@code type} {@code about:blank}, the status phrase as {@code title}).
 */
final class ProblemResponses {

    private ProblemResponses() {}

    static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        // JSON is UTF-8 by definition: the bytes are written as such, and the type names no charset.
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(problem));
    }

    /** At most 200 characters of a message from a library, so that a long one cannot fill the answer. */
    static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
