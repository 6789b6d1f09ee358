package com.example.likes.__name__.item;

import com.example.likes.platform.validation.StoredText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/items}. */
record CreateItemRequest(
        @NotBlank @Size(max = 200) @StoredText String name) {}
