package com.example.likes.platform.validation;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for what a stored string may contain, on every edge of both services (REST bodies through
 * {@link StoredText}, gRPC messages through {@link #problemWith}).
 *
 * <p>Refused: every control character (Unicode category Cc: U+0000 to U+001F, U+007F to U+009F), tab and line
 * breaks included, because every stored string is a single-line value (a title, a link) and PostgreSQL refuses NUL
 * outright; and every unpaired surrogate, because it has no UTF-8 form, so the driver would store it as {@code ?}
 * and silently change the text. Everything else of Unicode is allowed, emoji and right-to-left text included.
 */
public final class TextRule {

    private TextRule() {}

    /** What is wrong with {@code text}, worded for a caller ("must not contain ..."), or {@code null} if nothing. */
    public static @Nullable String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters (found U+%04X at index %d)".formatted((int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain unpaired surrogates (found U+%04X at index %d)".formatted((int) c, i);
            }
        }
        return null;
    }
}
