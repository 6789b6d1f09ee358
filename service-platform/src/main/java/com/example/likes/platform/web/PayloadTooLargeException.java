package com.example.likes.platform.web;

/** A request body larger than {@code platform.web.max-request-body}; REST answers 413. */
class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long limit) {
        super("request body is larger than %d bytes".formatted(limit));
    }
}
