package com.example.likes.product.replica;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One page of what the replica holds, in id order, for the dashboard's reconciliation.
 *
 * @param products the entries of this page
 * @param next where the next page starts (exclusive), or {@code null} when this page is the last
 */
public record ProductVersions(
        List<Entry> products, @Nullable UUID next) {

    /** The version the replica holds for one product, and whether that version is a deletion. */
    public record Entry(UUID id, long version, boolean deleted) {}
}
