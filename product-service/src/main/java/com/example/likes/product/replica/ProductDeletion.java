package com.example.likes.product.replica;

import java.util.UUID;

/**
 * The dashboard deleted product {@code id}, giving it {@code version}.
 *
 * @param replacesVersion 0, or the version a replica ahead of the dashboard holds, which this deletion replaces
 */
public record ProductDeletion(UUID id, long version, long replacesVersion) implements ReplicaChange {}
