package com.example.likes.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report as {@code application/problem+json} instead of an HTML page.
 *
 * <p>Tomcat turns some requests away before any servlet, filter or Spring handler sees them: a path that does not
 * normalise ({@code %2e%2e%2f}, {@code %00}, overlong UTF-8 such as {@code %C0%AF}), characters a URI may not hold
 * ({@code {id}}), bad percent-encoding, malformed headers. It renders those with the host's error report valve, so
 * that valve is the one place that can answer them as the rest of the API does. It also renders any error that
 * reached the container with nothing written (the {@code /error} path itself failing, for one). A response that
 * already has a body, such as every problem Spring MVC wrote, is left alone.
 *
 * <p>Public with a no-argument constructor, because Tomcat instantiates the host's valve by class name.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.resetBuffer();
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problemJson(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is committed; there is nobody left to tell.
        }
    }

    /** The problem for a status, in the shape of {@code ProblemDetailsAdvice}'s; nothing of the request is echoed. */
    static String problemJson(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 400
                ? "the request is malformed: its request line, path, percent-encoding or a header cannot be parsed"
                : known != null && known.is5xxServerError()
                        ? "the server failed to handle the request"
                        : "the web server refused the request: " + title;
        return "{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
                .formatted(title, status, detail);
    }
}
