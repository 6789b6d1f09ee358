package com.example.likes.dashboard.product;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counting a like: one statement, through Spring's {@link JdbcClient}. Written by hand because the statement is one
 * no repository method derives (data-modifying CTEs), and its one row needs no mapping beyond these six columns:
 * on the system's hottest path, nothing runs but the statement (what an ORM would add: docs/performance.md).
 */
@Repository
class LikeCounter {

    /**
     * Counts a user's like of a product, once per (product, user): the product's row with its count after the like,
     * or no row when there is no such product or no such user (then nothing changed).
     *
     * <p>The product's row is locked against edits and deletes ({@code for key share}) for the statement, which does
     * not block other likes: they take the same lock and then only update the count, one atomic increment that
     * saturates at the largest {@code bigint} instead of failing and bumps no version, as a like is not an edit.
     * The pair is recorded first ({@code on conflict do nothing}), so a pair liked before, or by a concurrent
     * request, counts nothing. One statement in auto-commit: a like's whole transaction, so likes of one product
     * queue up only for the increment, which runs last, just before the commit.
     */
    private static final String LIKE = """
            with liked as (
                select * from product where id = :productId for key share
            ), liker as (
                select id from app_user where id = :userId
            ), recorded as (
                insert into product_like (product_id, user_id, created_at)
                select liked.id, liker.id, :likedAt from liked, liker
                on conflict (product_id, user_id) do nothing
                returning product_id
            ), counted as (
                update product set likes = likes + 1
                where id = (select product_id from recorded) and likes < 9223372036854775807
                returning likes
            )
            select liked.id, liked.title, liked.image, coalesce((select likes from counted), liked.likes) as likes,
                liked.created_at, liked.updated_at
            from liked, liker""";

    private final JdbcClient jdbc;

    LikeCounter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** See {@link #LIKE}; nothing when the product or the user does not exist. */
    Optional<LikedProduct> like(UUID productId, UUID userId, Instant likedAt) {
        return jdbc.sql(LIKE)
                .param("productId", productId)
                .param("userId", userId)
                .param("likedAt", likedAt.atOffset(ZoneOffset.UTC))
                .query((row, number) -> new LikedProduct(
                        row.getObject("id", UUID.class),
                        row.getString("title"),
                        row.getString("image"),
                        row.getLong("likes"),
                        row.getObject("created_at", OffsetDateTime.class).toInstant(),
                        row.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .optional();
    }
}
