package com.example.likes.dashboard.user;

import static com.example.likes.dashboard.GrpcErrors.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.likes.dashboard.DashboardIntegrationTest;
import com.example.likes.dashboard.system.ProtoTimestamps;
import com.example.likes.platform.web.auth.EndUser;
import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc.UserServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code dashboard.v1.UserService/GetUser} over the real gRPC port. */
class UserGrpcTest extends DashboardIntegrationTest {

    @Autowired
    UserService userService;

    @Nested
    class ById {

        @Test
        void returnsThatUser() {
            StoredUser user = registered("ada");

            var found = users().getUser(GetUserRequest.newBuilder()
                            .setId(user.id().toString())
                            .build())
                    .getUser();

            assertThat(found.getId()).isEqualTo(user.id().toString());
            assertThat(found.getCreateTime()).isEqualTo(ProtoTimestamps.of(user.createdAt()));
        }

        @Test
        void unknownIdIsNotFound() {
            var failure = getUserFailing(UUID.randomUUID().toString());

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }

        @Test
        void malformedIdIsInvalidArgumentNamingTheField() {
            var failure = getUserFailing("1-1-1-1-1");

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(violatedFields(failure)).containsExactly("id");
        }
    }

    @Nested
    class Random {

        @Test
        void emptyIdReturnsAnExistingUser() {
            Set<String> existing = Set.of(
                    registered("ada").id().toString(),
                    registered("grace").id().toString(),
                    registered("linus").id().toString());

            IntStream.range(0, 20)
                    .forEach(i -> assertThat(users().getUser(GetUserRequest.getDefaultInstance())
                                    .getUser()
                                    .getId())
                            .isIn(existing));
        }

        @Test
        void emptyIdWithoutAnyUserIsNotFound() {
            var failure = getUserFailing("");

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }

        @Test
        void pickWrapsAroundPastTheLargestId() {
            StoredUser only = registered("ada");

            assertThat(userService.pickAtOrAfter(new UUID(-1L, -1L)).id()).isEqualTo(only.id());
            assertThat(userService.pickAtOrAfter(new UUID(0L, 0L)).id()).isEqualTo(only.id());
        }

        @Test
        void pickTakesTheFirstIdAtOrAfterThePivot() {
            UUID low = UUID.fromString("10000000-0000-4000-8000-000000000000");
            UUID high = UUID.fromString("c0000000-0000-4000-8000-000000000000");
            jdbc.sql("insert into app_user (id, created_at) values (?, now()), (?, now())")
                    .params(low, high)
                    .update();

            assertThat(userService
                            .pickAtOrAfter(UUID.fromString("20000000-0000-4000-8000-000000000000"))
                            .id())
                    .isEqualTo(high);
            assertThat(userService.pickAtOrAfter(low).id()).isEqualTo(low);
            assertThat(userService
                            .pickAtOrAfter(UUID.fromString("d0000000-0000-4000-8000-000000000000"))
                            .id())
                    .isEqualTo(low);
        }
    }

    private StoredUser registered(String subject) {
        return userService
                .register(new EndUser(idOf(subject), issuer.uri(), subject, Set.of()))
                .user();
    }

    private UserServiceBlockingStub users() {
        return UserServiceGrpc.newBlockingStub(grpc()).withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    private StatusRuntimeException getUserFailing(String id) {
        return catchThrowableOfType(
                StatusRuntimeException.class,
                () -> users().getUser(GetUserRequest.newBuilder().setId(id).build()));
    }
}
