package com.example.likes.dashboard.product;

import java.util.UUID;

/** A product's id and the version of its last edit: what reconciliation compares with product-service's replica. */
public record VersionedId(UUID id, long version) {}
