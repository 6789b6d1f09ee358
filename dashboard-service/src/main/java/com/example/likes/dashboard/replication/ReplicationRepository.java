package com.example.likes.dashboard.replication;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code outbox_event} table. Times that decide who may deliver an event when come from the database's clock
 * ({@code clock_timestamp()}), so that several dashboard instances agree on them.
 *
 * <p>An attempt starts by claiming its event: one statement raises {@code attempts} and moves
 * {@code next_attempt_at} to the end of a lease. Concurrent senders never claim the same event ({@code for update
 * skip locked}), and an event whose claimer died mid-attempt becomes due again when the lease ends.
 */
@Repository
class ReplicationRepository {

    private static final String COLUMNS =
            "id, product_id, change, product_version, payload, created_at, attempts, last_error, failed_at";
    private static final int MAX_ERROR_LENGTH = 500;

    private final JdbcClient jdbc;

    ReplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds an event in the caller's transaction. It starts leased to the caller, which delivers it right after the
     * commit; only if that does not happen does it become due for the sender's polling when the lease ends.
     */
    void add(ReplicationEvent.Change change, UUID productId, long version, byte[] payload, UUID id, Duration lease) {
        jdbc.sql("""
                        insert into outbox_event (id, product_id, change, product_version, payload, created_at, next_attempt_at)
                        values (:id, :productId, :change, :version, :payload, clock_timestamp(),
                                clock_timestamp() + :leaseMillis * interval '1 millisecond')""")
                .param("id", id)
                .param("productId", productId)
                .param("change", change.column())
                .param("version", version)
                .param("payload", payload)
                .param("leaseMillis", lease.toMillis())
                .update();
    }

    /** Claims a new event for its first attempt, unless a poll has claimed it already. */
    Optional<ReplicationEvent> claimNew(UUID id, Duration lease) {
        return jdbc.sql("""
                        update outbox_event
                           set attempts = 1, next_attempt_at = clock_timestamp() + :leaseMillis * interval '1 millisecond'
                         where id = :id and attempts = 0 and failed_at is null
                        returning %s""".formatted(COLUMNS))
                .param("id", id)
                .param("leaseMillis", lease.toMillis())
                .query(ReplicationRepository::event)
                .optional();
    }

    /** Claims up to {@code limit} pending events that are due, oldest first. */
    List<ReplicationEvent> claimDue(int limit, Duration lease) {
        return jdbc
                .sql("""
                        update outbox_event
                           set attempts = attempts + 1,
                               next_attempt_at = clock_timestamp() + :leaseMillis * interval '1 millisecond'
                         where id in (select id from outbox_event
                                       where failed_at is null and next_attempt_at <= clock_timestamp()
                                       order by next_attempt_at
                                       limit :limit
                                       for update skip locked)
                        returning %s""".formatted(COLUMNS))
                .param("limit", limit)
                .param("leaseMillis", lease.toMillis())
                .query(ReplicationRepository::event)
                .list()
                .stream()
                .sorted(Comparator.comparing(ReplicationEvent::createdAt))
                .toList();
    }

    /**
     * Removes delivered events; returns, for each that was still there, how long it took from its commit to its
     * delivery (an event that is gone already was delivered by another sender too).
     */
    Map<UUID, Duration> removeAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("""
                        delete from outbox_event where id in (:ids)
                        returning id, (extract(epoch from clock_timestamp() - created_at) * 1000000)::bigint as micros""")
                .param("ids", ids)
                .query((rs, row) ->
                        Map.entry(rs.getObject("id", UUID.class), Duration.of(rs.getLong("micros"), ChronoUnit.MICROS)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Schedules the next attempt of an event this sender claimed, unless another sender has claimed it since. */
    void reschedule(ReplicationEvent claimed, Duration delay, String error) {
        jdbc.sql("""
                        update outbox_event
                           set next_attempt_at = clock_timestamp() + :delayMillis * interval '1 millisecond',
                               last_error = :error
                         where id = :id and attempts = :attempts""")
                .param("delayMillis", delay.toMillis())
                .param("error", truncate(error))
                .param("id", claimed.id())
                .param("attempts", claimed.attempts())
                .update();
    }

    /** Parks an event this sender claimed as failed, unless another sender has claimed it since. */
    boolean park(ReplicationEvent claimed, String error) {
        return jdbc.sql("""
                        update outbox_event
                           set failed_at = clock_timestamp(), last_error = :error
                         where id = :id and attempts = :attempts and failed_at is null""")
                        .param("error", truncate(error))
                        .param("id", claimed.id())
                        .param("attempts", claimed.attempts())
                        .update()
                > 0;
    }

    /** Failed events, oldest first. */
    Page<ReplicationEvent> failed(Pageable page) {
        List<ReplicationEvent> content = jdbc.sql("""
                        select %s
                          from outbox_event where failed_at is not null
                         order by created_at, id
                         limit :limit offset :offset""".formatted(COLUMNS))
                .param("limit", page.getPageSize())
                .param("offset", page.getOffset())
                .query(ReplicationRepository::event)
                .list();
        long total = jdbc.sql("select count(*) from outbox_event where failed_at is not null")
                .query(Long.class)
                .single();
        return new PageImpl<>(content, page, total);
    }

    /** Makes a failed event pending again with a fresh set of attempts; returns whether there was one. */
    boolean retryFailed(UUID id) {
        return jdbc.sql("""
                        update outbox_event
                           set failed_at = null, attempts = 0, next_attempt_at = clock_timestamp()
                         where id = :id and failed_at is not null""").param("id", id).update() > 0;
    }

    /** Makes every failed event pending again; returns how many there were. */
    int retryAllFailed() {
        return jdbc.sql("""
                        update outbox_event
                           set failed_at = null, attempts = 0, next_attempt_at = clock_timestamp()
                         where failed_at is not null""").update();
    }

    /** Of these products, those with a change not delivered yet (pending or failed). */
    Set<UUID> withUndeliveredChanges(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select distinct product_id from outbox_event where product_id in (:ids)")
                .param("ids", productIds)
                .query(UUID.class)
                .list());
    }

    /** How many events are pending and failed, and when the oldest pending one was committed. */
    ReplicationBacklog backlog() {
        return jdbc.sql("""
                        select count(*) filter (where failed_at is null) as pending,
                               count(*) filter (where failed_at is not null) as failed,
                               min(created_at) filter (where failed_at is null) as oldest_pending,
                               clock_timestamp() as now
                          from outbox_event""")
                .query((rs, row) -> new ReplicationBacklog(
                        rs.getLong("pending"), rs.getLong("failed"), instant(rs, "oldest_pending"), instant(rs, "now")))
                .single();
    }

    private static ReplicationEvent event(ResultSet rs, int row) throws SQLException {
        return new ReplicationEvent(
                rs.getObject("id", UUID.class),
                rs.getObject("product_id", UUID.class),
                ReplicationEvent.Change.ofColumn(rs.getString("change")),
                rs.getLong("product_version"),
                rs.getBytes("payload"),
                instant(rs, "created_at"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                instant(rs, "failed_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
