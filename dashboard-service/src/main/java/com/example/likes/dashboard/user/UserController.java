package com.example.likes.dashboard.user;

import com.example.likes.platform.web.PageResponse;
import com.example.likes.platform.web.auth.EndUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Users: each registers and reads itself; listing them all is for a token with {@value UserAccess#USERS_READ}. */
@RestController
@RequestMapping("/api/users")
@Tag(name = "users", description = "The users who like products.")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    /** Registers the caller: 201 with {@code Location} the first time, 200 with the same user after that. */
    @PostMapping
    @Operation(
            summary = "Register the caller as a user",
            description = "The user is the bearer token's subject; registering again answers the same user.")
    @ApiResponse(responseCode = "201", description = "Registered; `Location` is its address")
    @ApiResponse(responseCode = "200", description = "Already registered; the same user")
    ResponseEntity<UserResponse> register(
            @RequestBody(required = false) CreateUserRequest body, JwtAuthenticationToken caller) {
        UserService.Registration registration = users.register(EndUser.of(caller));
        UserResponse user = UserResponse.from(registration.user());
        if (!registration.created()) {
            return ResponseEntity.ok(user);
        }
        var location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(user.id())
                .toUri();
        return ResponseEntity.created(location).body(user);
    }

    @GetMapping
    @Operation(summary = "List users, oldest first")
    PageResponse<UserResponse> list(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(required = false) @Nullable String cursor) {
        return users.list(page, size, cursor).map(UserResponse::from);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a user", description = "A user reads itself; the editor reads anyone.")
    UserResponse get(@PathVariable UUID id, JwtAuthenticationToken caller) {
        return UserResponse.from(users.getAs(EndUser.of(caller), id));
    }
}
