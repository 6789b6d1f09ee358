package com.example.likes.product.replica;

import java.util.UUID;

/** A change the dashboard pushed, as the replica applies it: a product's new state or its deletion. */
public sealed interface ReplicaChange permits ProductSnapshot, ProductDeletion {

    /** The product the change is about. */
    UUID id();

    /** The version the change gives the product. */
    long version();

    /** 0, or the version a replica ahead of the dashboard holds, which this change replaces. */
    long replacesVersion();
}
