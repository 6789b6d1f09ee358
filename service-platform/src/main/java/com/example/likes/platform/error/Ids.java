package com.example.likes.platform.error;

import java.util.UUID;

/** Parses the UUID ids that callers send as text, answering bad ones with an error that names the field. */
public final class Ids {

    private static final java.util.regex.Pattern CANONICAL_UUID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {}

    /**
     * Parses a UUID in its canonical 36-character form. {@link UUID#fromString} alone also accepts
     * shortened forms such as {@code 1-1-1-1-1}, which no caller means as an id.
     *
     * @throws InvalidInputException naming {@code field} when the text is not a UUID
     */
    public static UUID parse(String field, String text) {
        if (text == null || !CANONICAL_UUID.matcher(text).matches()) {
            throw InvalidInputException.forField(field, "must be a UUID, got '%s'".formatted(abbreviate(text)));
        }
        return UUID.fromString(text);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
