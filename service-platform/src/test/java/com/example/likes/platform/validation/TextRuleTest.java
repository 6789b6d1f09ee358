package com.example.likes.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRuleTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"a\u0000b", "tab\there", "line\nbreak", "cr\r", "\u001b[31m", "del\u007f", "c1\u0085", "\u009f"})
    void everyControlCharacterIsRefused(String text) {
        assertThat(TextRule.problemWith(text)).startsWith("must not contain control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udc00b", "end\ud83d", "\udc00\ud800"})
    void anUnpairedSurrogateIsRefused(String text) {
        assertThat(TextRule.problemWith(text)).startsWith("must not contain unpaired surrogates");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Plain title", "Ünïcödé", "😀 emoji", "שלום", "zero\u200bwidth", "a\u00a0b"})
    void everythingElseIsAllowed(String text) {
        assertThat(TextRule.problemWith(text)).isNull();
    }
}
