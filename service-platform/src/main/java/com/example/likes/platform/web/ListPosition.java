package com.example.likes.platform.web;

import com.example.likes.platform.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a list ordered by creation time goes on: after the row created at {@code createdAt} with {@code id}. A
 * client sees it only as an opaque cursor ({@link #toCursor()}), and the next page is one index range scan from it,
 * however deep into the list it lies.
 *
 * @param createdAt when the last row of a page was created (PostgreSQL keeps microseconds)
 * @param id that row's id, which orders rows created in the same instant
 */
public record ListPosition(Instant createdAt, UUID id) {

    private static final String VERSION = "1";

    /** The cursor that names this position: URL-safe, and meaningless to a client. */
    public String toCursor() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        String plain = VERSION + ":" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a cursor from {@link #toCursor()} names.
     *
     * @throws InvalidInputException naming {@code cursor} when it is not one this API gave out
     */
    public static ListPosition fromCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw notACursor();
            }
            Instant createdAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new ListPosition(createdAt, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw notACursor();
        }
    }

    private static InvalidInputException notACursor() {
        return InvalidInputException.forField("cursor", "is not a cursor of this list: pass page.next as it came");
    }
}
