package com.example.likes.dashboard.product;

/**
 * A partial edit of a product: a {@code null} component leaves that field as it is.
 *
 * @param title the new title, or {@code null} to keep it
 * @param image the new image link ({@code ""} removes it), or {@code null} to keep it
 */
record ProductPatch(String title, String image) {}
