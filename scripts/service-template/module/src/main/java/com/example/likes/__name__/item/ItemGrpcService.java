package com.example.likes.__name__.item;

import com.example.likes.__name__.system.ProtoTimestamps;
import com.example.likes.platform.error.Ids;
import com.example.likes.protos.__name__.v1.GetItemRequest;
import com.example.likes.protos.__name__.v1.GetItemResponse;
import com.example.likes.protos.__name__.v1.Item;
import com.example.likes.protos.__name__.v1.ItemServiceGrpc;
import io.grpc.stub.StreamObserver;
import org.springframework.grpc.server.service.GrpcService;

/** {@code __name__.v1.ItemService}: translates protos and delegates to {@link ItemService}. */
@GrpcService
class ItemGrpcService extends ItemServiceGrpc.ItemServiceImplBase {

    private final ItemService items;

    ItemGrpcService(ItemService items) {
        this.items = items;
    }

    @Override
    public void getItem(GetItemRequest request, StreamObserver<GetItemResponse> response) {
        StoredItem item = items.get(Ids.parse("id", request.getId()));
        response.onNext(GetItemResponse.newBuilder().setItem(toProto(item)).build());
        response.onCompleted();
    }

    static Item toProto(StoredItem item) {
        return Item.newBuilder()
                .setId(item.id().toString())
                .setName(item.name())
                .setCreateTime(ProtoTimestamps.of(item.createdAt()))
                .build();
    }
}
