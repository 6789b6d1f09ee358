package com.example.likes.platform.web;

import com.example.likes.platform.error.Ids;
import com.example.likes.platform.error.InvalidInputException;
import java.beans.PropertyEditorSupport;
import java.util.UUID;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * UUIDs in paths and query parameters must be canonical: Spring's own conversion also accepts short forms such as
 * {@code 1-1-1-1-1}, which no caller means as an id. A bad one becomes a type mismatch, which
 * {@link ProblemDetailsAdvice} answers with a 400 that names the parameter.
 */
@ControllerAdvice
class StrictIdBinding {

    @InitBinder
    void bindUuidsStrictly(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                try {
                    setValue(Ids.parse("id", text));
                } catch (InvalidInputException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
        });
    }
}
