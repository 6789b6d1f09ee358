package com.example.likes.product.replication;

import com.example.likes.platform.error.Ids;
import com.example.likes.platform.error.InvalidInputException;
import com.example.likes.platform.error.InvalidInputException.FieldViolation;
import com.example.likes.platform.validation.TextRule;
import com.example.likes.product.replica.ProductDeletion;
import com.example.likes.product.replica.ProductSnapshot;
import com.example.likes.product.replica.ReplicaChange;
import com.example.likes.product.system.ProtoTimestamps;
import com.example.likes.protos.product.v1.ApplyProductChangesRequest;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ListProductVersionsRequest;
import com.example.likes.protos.product.v1.ProductChange;
import com.example.likes.protos.product.v1.ProductState;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Translates the changes the dashboard pushes (product.v1 messages) into domain values, rejecting a message that
 * the replica cannot store with every offending field named as the proto names it ({@code product.title}).
 */
final class ReceivedChanges {

    static final int MAX_TITLE_LENGTH = 200;
    static final int MAX_IMAGE_LENGTH = 200;
    static final int DEFAULT_PAGE_SIZE = 500;
    static final int MAX_PAGE_SIZE = 1000;
    static final int MAX_BATCH_SIZE = 500;

    /**
     * The highest version a change may carry: 2^53 - 1, as {@code product.v1} documents it. A dashboard's version
     * grows by one per edit, and would need 285 years at a million edits a second to get there; anything above it
     * comes from no dashboard, and would make the replica refuse every later change of that product as older.
     */
    static final long MAX_VERSION = (1L << 53) - 1;

    private ReceivedChanges() {}

    static ProductSnapshot snapshotOf(CreateProductFromReceiverRequest request) {
        return snapshotOf(request.hasProduct(), request.getProduct(), 0);
    }

    static ProductSnapshot snapshotOf(UpdateProductFromReceiverRequest request) {
        return snapshotOf(request.hasProduct(), request.getProduct(), request.getReplacesVersion());
    }

    static ProductDeletion deletionOf(DeleteProductFromReceiverRequest request) {
        Violations violations = new Violations();
        UUID id = violations.id("id", request.getId());
        violations.version("version", request.getVersion());
        violations.replacedVersion("replaces_version", request.getReplacesVersion());
        violations.throwIfAny();
        return new ProductDeletion(id, request.getVersion(), request.getReplacesVersion());
    }

    /** One change of a batch: what the replica applies, or, when the change is invalid, why not. */
    record BatchEntry(
            @Nullable ReplicaChange change, @Nullable InvalidInputException invalid) {}

    /**
     * The changes of a batch, in its order. A change that is invalid is refused alone, so that the others still
     * apply; a batch with no change, too many, or nothing but invalid ones is refused as a whole, each offending
     * field named with the index of its change ({@code changes[2].product.title}).
     */
    static List<BatchEntry> changesOf(ApplyProductChangesRequest request) {
        int count = request.getChangesCount();
        if (count < 1 || count > MAX_BATCH_SIZE) {
            throw InvalidInputException.forField("changes", "must hold 1 to %d changes".formatted(MAX_BATCH_SIZE));
        }
        List<BatchEntry> entries =
                request.getChangesList().stream().map(ReceivedChanges::entryOf).toList();
        if (entries.stream().allMatch(entry -> entry.invalid() != null)) {
            Violations violations = new Violations();
            for (int i = 0; i < count; i++) {
                String prefix = "changes[%d].".formatted(i);
                entries.get(i).invalid().violations().forEach(v -> violations.add(prefix + v.field(), v.message()));
            }
            violations.throwIfAny();
        }
        return entries;
    }

    private static BatchEntry entryOf(ProductChange change) {
        try {
            ReplicaChange received = switch (change.getChangeCase()) {
                case CREATE -> snapshotOf(change.getCreate());
                case UPDATE -> snapshotOf(change.getUpdate());
                case DELETE -> deletionOf(change.getDelete());
                case CHANGE_NOT_SET ->
                    throw InvalidInputException.forField("change", "must be one of create, update and delete");
            };
            return new BatchEntry(received, null);
        } catch (InvalidInputException e) {
            return new BatchEntry(null, e);
        }
    }

    /** A page request of the reconciliation listing: the page size (0 = the default), and the page to start after. */
    record VersionsPage(int size, @Nullable UUID after) {}

    static VersionsPage pageOf(ListProductVersionsRequest request) {
        Violations violations = new Violations();
        int size = request.getPageSize();
        if (size < 0 || size > MAX_PAGE_SIZE) {
            violations.add("page_size", "must be between 0 and %d".formatted(MAX_PAGE_SIZE));
        }
        UUID after = request.getPageToken().isEmpty() ? null : violations.id("page_token", request.getPageToken());
        violations.throwIfAny();
        return new VersionsPage(size == 0 ? DEFAULT_PAGE_SIZE : size, after);
    }

    private static ProductSnapshot snapshotOf(boolean present, ProductState product, long replacesVersion) {
        if (!present) {
            throw InvalidInputException.forField("product", "is required");
        }
        Violations violations = new Violations();
        UUID id = violations.id("product.id", product.getId());
        violations.text("product.title", product.getTitle(), true, MAX_TITLE_LENGTH);
        violations.text("product.image", product.getImage(), false, MAX_IMAGE_LENGTH);
        Instant createdAt = violations.time("product.create_time", product.hasCreateTime(), product.getCreateTime());
        Instant updatedAt = violations.time("product.update_time", product.hasUpdateTime(), product.getUpdateTime());
        violations.version("product.version", product.getVersion());
        violations.replacedVersion("replaces_version", replacesVersion);
        violations.throwIfAny();
        return new ProductSnapshot(
                id,
                product.getTitle(),
                product.getImage(),
                createdAt,
                updatedAt,
                product.getVersion(),
                replacesVersion);
    }

    /** Collects every problem of a message, so that the sender learns all of them at once. */
    private static final class Violations {

        private final List<FieldViolation> found = new ArrayList<>();

        UUID id(String field, String text) {
            try {
                return Ids.parse(field, text);
            } catch (InvalidInputException e) {
                found.addAll(e.violations());
                return null;
            }
        }

        // Lengths count characters as PostgreSQL's varchar does (code points), not Java's UTF-16 units.
        void text(String field, String value, boolean required, int maxLength) {
            if (required && value.isBlank()) {
                add(field, "must not be blank");
            } else if (value.codePointCount(0, value.length()) > maxLength) {
                add(field, "must be at most %d characters".formatted(maxLength));
            } else if (TextRule.problemWith(value) instanceof String problem) {
                add(field, problem);
            }
        }

        Instant time(String field, boolean present, Timestamp timestamp) {
            if (!present) {
                add(field, "is required");
                return null;
            }
            Instant instant = ProtoTimestamps.toInstant(timestamp);
            if (instant == null) {
                add(field, "must be a timestamp between years 1 and 9999");
            }
            return instant;
        }

        void version(String field, long value) {
            if (value < 0 || value > MAX_VERSION) {
                add(field, "must be between 0 and %d".formatted(MAX_VERSION));
            }
        }

        // Any version a replica may hold, even one above MAX_VERSION that an older product-service stored, so that
        // reconciliation can repair it; 0 means unset.
        void replacedVersion(String field, long value) {
            if (value < 0) {
                add(field, "must be 0 or more");
            }
        }

        void throwIfAny() {
            if (!found.isEmpty()) {
                String summary =
                        found.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
                throw new InvalidInputException(summary, found);
            }
        }

        void add(String field, String problem) {
            found.add(new FieldViolation(field, problem));
        }
    }
}
