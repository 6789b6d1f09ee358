package com.example.likes.dashboard.user;

import com.example.likes.dashboard.system.ProtoTimestamps;
import com.example.likes.platform.error.Ids;
import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.GetUserResponse;
import com.example.likes.protos.dashboard.v1.User;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import io.grpc.stub.StreamObserver;
import org.springframework.grpc.server.service.GrpcService;

/** {@code dashboard.v1.UserService}: translates protos and delegates to {@link UserService}. */
@GrpcService
class UserGrpcService extends UserServiceGrpc.UserServiceImplBase {

    private final UserService users;

    UserGrpcService(UserService users) {
        this.users = users;
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
        StoredUser user = request.getId().isEmpty() ? users.random() : users.get(Ids.parse("id", request.getId()));
        response.onNext(GetUserResponse.newBuilder().setUser(toProto(user)).build());
        response.onCompleted();
    }

    private static User toProto(StoredUser user) {
        return User.newBuilder()
                .setId(user.id().toString())
                .setCreateTime(ProtoTimestamps.of(user.createdAt()))
                .build();
    }
}
