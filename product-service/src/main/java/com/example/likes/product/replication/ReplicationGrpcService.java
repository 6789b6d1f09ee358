package com.example.likes.product.replication;

import com.example.likes.product.replica.ProductService;
import com.example.likes.product.replica.ProductVersions;
import com.example.likes.product.replica.ReplicaChange;
import com.example.likes.protos.product.v1.ApplyProductChangesRequest;
import com.example.likes.protos.product.v1.ApplyProductChangesResponse;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.CreateProductFromReceiverResponse;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverResponse;
import com.example.likes.protos.product.v1.ListProductVersionsRequest;
import com.example.likes.protos.product.v1.ListProductVersionsResponse;
import com.example.likes.protos.product.v1.ProductChangeResult;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import com.example.likes.protos.product.v1.ProductVersion;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Objects;
import org.springframework.grpc.server.service.GrpcService;

/**
 * {@code product.v1.ProductReceiverService}, the receiving end of replication, where the dashboard pushes product
 * changes: translates protos and delegates to the replica's {@link ProductService}. Create and update are the same
 * operation on a replica: store the state unless a newer one is there already, since an update may overtake the
 * create it follows.
 */
@GrpcService
class ReplicationGrpcService extends ProductReceiverServiceGrpc.ProductReceiverServiceImplBase {

    private final ProductService products;

    ReplicationGrpcService(ProductService products) {
        this.products = products;
    }

    @Override
    public void createProductFromReceiver(
            CreateProductFromReceiverRequest request, StreamObserver<CreateProductFromReceiverResponse> responses) {
        boolean applied = products.save(ReceivedChanges.snapshotOf(request));
        responses.onNext(CreateProductFromReceiverResponse.newBuilder()
                .setApplied(applied)
                .build());
        responses.onCompleted();
    }

    @Override
    public void updateProductFromReceiver(
            UpdateProductFromReceiverRequest request, StreamObserver<UpdateProductFromReceiverResponse> responses) {
        boolean applied = products.save(ReceivedChanges.snapshotOf(request));
        responses.onNext(UpdateProductFromReceiverResponse.newBuilder()
                .setApplied(applied)
                .build());
        responses.onCompleted();
    }

    @Override
    public void deleteProductFromReceiver(
            DeleteProductFromReceiverRequest request, StreamObserver<DeleteProductFromReceiverResponse> responses) {
        boolean applied = products.delete(ReceivedChanges.deletionOf(request));
        responses.onNext(DeleteProductFromReceiverResponse.newBuilder()
                .setApplied(applied)
                .build());
        responses.onCompleted();
    }

    @Override
    public void applyProductChanges(
            ApplyProductChangesRequest request, StreamObserver<ApplyProductChangesResponse> responses) {
        List<ReceivedChanges.BatchEntry> entries = ReceivedChanges.changesOf(request);
        List<ReplicaChange> valid = entries.stream()
                .map(ReceivedChanges.BatchEntry::change)
                .filter(Objects::nonNull)
                .toList();
        // changesOf refuses a batch without a valid change, so there is one at least.
        boolean[] applied = products.applyAll(valid);
        ApplyProductChangesResponse.Builder response = ApplyProductChangesResponse.newBuilder();
        int next = 0;
        for (ReceivedChanges.BatchEntry entry : entries) {
            ProductChangeResult.Builder result = response.addResultsBuilder();
            if (entry.invalid() != null) {
                result.setInvalid(entry.invalid().getMessage());
            } else {
                result.setApplied(applied[next++]);
            }
        }
        responses.onNext(response.build());
        responses.onCompleted();
    }

    @Override
    public void listProductVersions(
            ListProductVersionsRequest request, StreamObserver<ListProductVersionsResponse> responses) {
        ReceivedChanges.VersionsPage page = ReceivedChanges.pageOf(request);
        ProductVersions versions = products.versions(page.after(), page.size());
        ListProductVersionsResponse.Builder response = ListProductVersionsResponse.newBuilder();
        versions.products()
                .forEach(entry -> response.addProducts(ProductVersion.newBuilder()
                        .setId(entry.id().toString())
                        .setVersion(entry.version())
                        .setDeleted(entry.deleted())));
        if (versions.next() != null) {
            response.setNextPageToken(versions.next().toString());
        }
        responses.onNext(response.build());
        responses.onCompleted();
    }
}
