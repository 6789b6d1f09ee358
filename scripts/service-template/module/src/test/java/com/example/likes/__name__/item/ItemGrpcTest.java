package com.example.likes.__name__.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.likes.__name__.__Name__IntegrationTest;
import com.example.likes.__name__.system.ProtoTimestamps;
import com.example.likes.protos.__name__.v1.GetItemRequest;
import com.example.likes.protos.__name__.v1.ItemServiceGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code __name__.v1.ItemService/GetItem} over the real gRPC port, with the platform's API keys. */
class ItemGrpcTest extends __Name__IntegrationTest {

    @Autowired
    ItemService itemService;

    @Nested
    class GetItem {

        @Test
        void returnsThatItem() {
            StoredItem item = itemService.create("Crate of apples");

            var found = getItem(grpc(), item.id().toString()).getItem();

            assertThat(found.getId()).isEqualTo(item.id().toString());
            assertThat(found.getName()).isEqualTo("Crate of apples");
            assertThat(found.getCreateTime()).isEqualTo(ProtoTimestamps.of(item.createdAt()));
        }

        @Test
        void anUnknownIdIsNotFound() {
            var failure = failing(grpc(), UUID.randomUUID().toString());

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }

        @Test
        void aMalformedIdIsInvalidArgumentNamingTheField() {
            var failure = failing(grpc(), "1-1-1-1-1");

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(failure.getStatus().getDescription()).contains("id");
        }
    }

    @Nested
    class Keys {

        @Test
        void withoutAKeyTheCallIsUnauthenticated() {
            var failure = failing(grpcWithoutKey(), UUID.randomUUID().toString());

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }

        @Test
        void aKeyNobodyHoldsIsUnauthenticated() {
            var failure = failing(grpcWithKey("not-a-key"), UUID.randomUUID().toString());

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }

        @Test
        void aCallerWithAKeyButNoGrantIsPermissionDenied() {
            var failure = failing(grpcWithKey(UNGRANTED_KEY), UUID.randomUUID().toString());

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    private static com.example.likes.protos.__name__.v1.GetItemResponse getItem(Channel channel, String id) {
        return ItemServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(Duration.ofSeconds(5))
                .getItem(GetItemRequest.newBuilder().setId(id).build());
    }

    private static StatusRuntimeException failing(Channel channel, String id) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> getItem(channel, id));
    }
}
