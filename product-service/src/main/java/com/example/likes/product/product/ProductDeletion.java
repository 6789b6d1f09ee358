package com.example.likes.product.product;

import java.util.UUID;

/** The dashboard deleted product {@code id}, giving it {@code version}. */
record ProductDeletion(UUID id, long version) {}
