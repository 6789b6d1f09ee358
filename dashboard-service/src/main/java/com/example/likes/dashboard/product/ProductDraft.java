package com.example.likes.dashboard.product;

/**
 * What a product starts with: an editor's title and image, and the like count it is imported with.
 *
 * @param title 1 to 200 characters, not blank
 * @param image a link to the image, at most 200 characters; empty when there is none
 * @param likes the like count it starts from, 0 or more
 */
record ProductDraft(String title, String image, long likes) {}
