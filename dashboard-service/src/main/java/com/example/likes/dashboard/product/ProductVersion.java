package com.example.likes.dashboard.product;

import java.util.UUID;

/** A product's id and the version of its last edit: what reconciliation compares with product-service's replica. */
public record ProductVersion(UUID id, long version) {

    /**
     * The highest version a change may carry (2^53 - 1), as {@code product.v1} documents it and receivers enforce
     * it. A version grows by one per edit; at a million edits a second a product would take 285 years to reach it,
     * so no dashboard produces one above it, and it stays exact in every JSON client (JavaScript's safe integers).
     */
    public static final long MAX = (1L << 53) - 1;
}
