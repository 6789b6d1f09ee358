package com.example.likes.platform.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodPermissionsTest {

    private final MethodPermissions permissions = new MethodPermissions(Map.of(
            "product-service", List.of("dashboard.v1.UserService/GetUser", " dashboard.v1.ProductService/* "),
            "nobody", List.of()));

    @Test
    void aCallerMayCallTheMethodsItIsGiven() {
        assertThat(permissions.allows("product-service", "dashboard.v1.UserService/GetUser"))
                .isTrue();
        assertThat(permissions.allows("product-service", "dashboard.v1.UserService/DeleteUser"))
                .isFalse();
    }

    @Test
    void aServiceWildcardGivesEveryMethodOfThatService() {
        assertThat(permissions.allows("product-service", "dashboard.v1.ProductService/LikeProduct"))
                .isTrue();
        assertThat(permissions.allows("product-service", "dashboard.v1.ProductServiceAdmin/Drop"))
                .isFalse();
    }

    @Test
    void aCallerGivenNoMethodsMayCallNone() {
        assertThat(permissions.allows("nobody", "dashboard.v1.UserService/GetUser"))
                .isFalse();
    }

    @Test
    void aCallerWithoutAnEntryMayCallNothing() {
        assertThat(permissions.allows("developer", "dashboard.v1.UserService/DeleteUser"))
                .isFalse();
        assertThat(permissions.allows("developer", "dashboard.v1.UserService/GetUser"))
                .isFalse();
    }
}
