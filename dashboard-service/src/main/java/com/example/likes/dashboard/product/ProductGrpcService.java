package com.example.likes.dashboard.product;

import com.example.likes.dashboard.system.ProtoTimestamps;
import com.example.likes.platform.error.Ids;
import com.example.likes.protos.dashboard.v1.LikeProductRequest;
import com.example.likes.protos.dashboard.v1.LikeProductResponse;
import com.example.likes.protos.dashboard.v1.Product;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.util.UUID;
import org.springframework.grpc.server.service.GrpcService;

/** {@code dashboard.v1.ProductService}: translates protos and delegates to {@link ProductService}. */
@GrpcService
class ProductGrpcService extends ProductServiceGrpc.ProductServiceImplBase {

    private final ProductService products;

    ProductGrpcService(ProductService products) {
        this.products = products;
    }

    @Override
    public void likeProduct(LikeProductRequest request, StreamObserver<LikeProductResponse> response) {
        UUID productId = Ids.parse("id", request.getId());
        UUID userId = Ids.parse("user_id", request.getUserId());
        LikedProduct liked = products.like(productId, userId);
        response.onNext(
                LikeProductResponse.newBuilder().setProduct(toProto(liked)).build());
        response.onCompleted();
    }

    private static Product toProto(LikedProduct product) {
        return Product.newBuilder()
                .setId(product.id().toString())
                .setTitle(product.title())
                .setImage(product.image())
                .setLikes(product.likes())
                .setCreateTime(ProtoTimestamps.of(product.createdAt()))
                .setUpdateTime(ProtoTimestamps.of(product.updatedAt()))
                .build();
    }
}
