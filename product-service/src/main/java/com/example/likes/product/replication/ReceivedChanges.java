package com.example.likes.product.replication;

import com.example.likes.platform.error.InvalidInputException;
import com.example.likes.platform.error.InvalidInputException.FieldViolation;
import com.example.likes.platform.grpc.ProtoValidation;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Translates the changes the dashboard pushes (product.v1 messages) into domain values. What a message must hold to
 * be stored is the contract's: the rules of {@code product_receiver.proto}, checked by {@link ProtoValidation}, which
 * names every offending field as the proto names it ({@code product.title}).
 */
final class ReceivedChanges {

    static final int DEFAULT_PAGE_SIZE = 500;

    // A violation inside one change of a batch: its index, and the field as the change's own rpc names it (the
    // kind of change, create, update or delete, left out).
    private static final Pattern IN_A_CHANGE =
            Pattern.compile("changes\\[(\\d+)]\\.(?:(?:create|update|delete)\\.)?(.+)");

    private ReceivedChanges() {}

    static ProductSnapshot snapshotOf(CreateProductFromReceiverRequest request) {
        ProtoValidation.check(request);
        return snapshotOf(request.getProduct(), 0);
    }

    static ProductSnapshot snapshotOf(UpdateProductFromReceiverRequest request) {
        ProtoValidation.check(request);
        return snapshotOf(request.getProduct(), request.getReplacesVersion());
    }

    static ProductDeletion deletionOf(DeleteProductFromReceiverRequest request) {
        ProtoValidation.check(request);
        return new ProductDeletion(
                UUID.fromString(request.getId()), request.getVersion(), request.getReplacesVersion());
    }

    /** One change of a batch: what the replica applies, or, when the change is invalid, why not. */
    record BatchEntry(
            @Nullable ReplicaChange change, @Nullable InvalidInputException invalid) {}

    /**
     * The changes of a batch, in its order. A change that is invalid is refused alone, named within the change
     * as its own rpc would name it ({@code product.title}), so that the others still apply; a batch with no change, too
     * many, or nothing but invalid ones is refused as a whole, each offending field named with the index of its change
     * ({@code changes[2].product.title}).
     */
    static List<BatchEntry> changesOf(ApplyProductChangesRequest request) {
        List<FieldViolation> violations = ProtoValidation.violationsOf(request);
        Map<Integer, List<FieldViolation>> byChange = new TreeMap<>();
        boolean ofTheBatch = false;
        for (FieldViolation violation : violations) {
            Matcher inAChange = IN_A_CHANGE.matcher(violation.field());
            if (inAChange.matches()) {
                byChange.computeIfAbsent(Integer.parseInt(inAChange.group(1)), index -> new ArrayList<>())
                        .add(new FieldViolation(inAChange.group(2), violation.message()));
            } else {
                ofTheBatch = true;
            }
        }
        if (ofTheBatch || byChange.size() == request.getChangesCount()) {
            List<FieldViolation> named = new ArrayList<>();
            byChange.forEach((index, inChange) -> inChange.forEach(v ->
                    named.add(new FieldViolation("changes[%d].%s".formatted(index, v.field()), v.message()))));
            throw ProtoValidation.invalid(ofTheBatch ? violations : named);
        }
        List<BatchEntry> entries = new ArrayList<>();
        for (int i = 0; i < request.getChangesCount(); i++) {
            List<FieldViolation> invalid = byChange.get(i);
            entries.add(
                    invalid == null
                            ? entryOf(request.getChanges(i))
                            : new BatchEntry(null, ProtoValidation.invalid(invalid)));
        }
        return entries;
    }

    /** A page request of the reconciliation listing: the page size (0 = the default), and the page to start after. */
    record VersionsPage(int size, @Nullable UUID after) {}

    static VersionsPage pageOf(ListProductVersionsRequest request) {
        ProtoValidation.check(request);
        int size = request.getPageSize();
        UUID after = request.getPageToken().isEmpty() ? null : UUID.fromString(request.getPageToken());
        return new VersionsPage(size == 0 ? DEFAULT_PAGE_SIZE : size, after);
    }

    private static BatchEntry entryOf(ProductChange change) {
        try {
            return new BatchEntry(changeOf(change), null);
        } catch (InvalidInputException e) {
            return new BatchEntry(null, e);
        }
    }

    private static ReplicaChange changeOf(ProductChange change) {
        return switch (change.getChangeCase()) {
            case CREATE -> snapshotOf(change.getCreate().getProduct(), 0);
            case UPDATE ->
                snapshotOf(change.getUpdate().getProduct(), change.getUpdate().getReplacesVersion());
            case DELETE ->
                new ProductDeletion(
                        UUID.fromString(change.getDelete().getId()),
                        change.getDelete().getVersion(),
                        change.getDelete().getReplacesVersion());
            // The contract requires one (buf.validate.oneof), so a valid change always has it.
            case CHANGE_NOT_SET -> throw new IllegalStateException("a valid change names its kind");
        };
    }

    private static ProductSnapshot snapshotOf(ProductState product, long replacesVersion) {
        return new ProductSnapshot(
                UUID.fromString(product.getId()),
                product.getTitle(),
                product.getImage(),
                instantOf("product.create_time", product.getCreateTime()),
                instantOf("product.update_time", product.getUpdateTime()),
                product.getVersion(),
                replacesVersion);
    }

    // The contract bounds the seconds; a Timestamp's own invariant (nanos within a second) is the message type's.
    private static Instant instantOf(String field, Timestamp timestamp) {
        Instant instant = ProtoTimestamps.toInstant(timestamp);
        if (instant == null) {
            throw InvalidInputException.forField(field, "must be a timestamp between years 1 and 9999");
        }
        return instant;
    }
}
