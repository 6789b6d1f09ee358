package com.example.likes.dashboard.product;

/**
 * Everything a product's editor sets: what a create starts with and what a full replacement puts in place.
 *
 * @param title 1 to 200 characters, not blank
 * @param image a link to the image, at most 200 characters; empty when there is none
 * @param likes the like count to set, 0 or more
 */
record ProductDraft(String title, String image, long likes) {}
