package com.example.likes.product.replica;

import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Writes received changes to the {@code product} table, any number of them in one JDBC batch: one round trip to
 * the database for a batch the dashboard sends, where a Spring Data {@code @Query} method would make one per change.
 * Each change is one statement, so that concurrent deliveries of the same product serialise on its row; a change
 * is stored unless the replica holds its version or a newer one (including a tombstone), or holds exactly its
 * {@code replacesVersion} (a repair of a replica ahead of the dashboard; 0 replaces nothing).
 */
@Repository
class ReplicaWriter {

    private static final String SAVE_IF_NEWER = """
            insert into product (id, title, image, created_at, updated_at, version, deleted)
            values (:id, :title, :image, :createdAt, :updatedAt, :version, false)
            on conflict (id) do update
                set title = excluded.title,
                    image = excluded.image,
                    created_at = excluded.created_at,
                    updated_at = excluded.updated_at,
                    version = excluded.version,
                    deleted = false
                where product.version < excluded.version
                    or (:replacesVersion > 0 and product.version = :replacesVersion)
            """;

    // An unknown product becomes a tombstone: its create may still be on its way, and must not bring it back.
    private static final String DELETE_IF_NEWER = """
            insert into product (id, created_at, updated_at, version, deleted)
            values (:id, now(), now(), :version, true)
            on conflict (id) do update
                set updated_at = excluded.updated_at,
                    version = excluded.version,
                    deleted = true
                where product.version < excluded.version
                    or (:replacesVersion > 0 and product.version = :replacesVersion)
            """;

    private final NamedParameterJdbcTemplate jdbc;

    ReplicaWriter(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores these states, each unless it is older; returns, per state, whether it was stored. */
    boolean[] saveIfNewer(List<ProductSnapshot> products) {
        return stored(jdbc.batchUpdate(
                SAVE_IF_NEWER,
                products.stream()
                        .map(product -> parameters(product)
                                .addValue("title", product.title())
                                .addValue("image", product.image())
                                .addValue("createdAt", utc(product.createdAt()))
                                .addValue("updatedAt", utc(product.updatedAt())))
                        .toArray(SqlParameterSource[]::new)));
    }

    /** Turns these products into tombstones, each unless it is older; returns, per deletion, whether it was stored. */
    boolean[] deleteIfNewer(List<ProductDeletion> deletions) {
        return stored(jdbc.batchUpdate(
                DELETE_IF_NEWER,
                deletions.stream().map(ReplicaWriter::parameters).toArray(SqlParameterSource[]::new)));
    }

    private static MapSqlParameterSource parameters(ReplicaChange change) {
        return new MapSqlParameterSource()
                .addValue("id", change.id())
                .addValue("version", change.version())
                .addValue("replacesVersion", change.replacesVersion());
    }

    // The PostgreSQL driver binds OffsetDateTime to timestamptz; it has no binding for Instant.
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static boolean[] stored(int[] rowCounts) {
        boolean[] stored = new boolean[rowCounts.length];
        for (int i = 0; i < rowCounts.length; i++) {
            if (rowCounts[i] == Statement.SUCCESS_NO_INFO) {
                // The driver's reWriteBatchedInserts merges the statements and no longer tells which one stored.
                throw new IllegalStateException("the JDBC driver reports no row count per statement; remove "
                        + "reWriteBatchedInserts from PRODUCT_DB_URL");
            }
            stored[i] = rowCounts[i] > 0;
        }
        return stored;
    }
}
