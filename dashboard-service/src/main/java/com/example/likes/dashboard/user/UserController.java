package com.example.likes.dashboard.user;

import com.example.likes.platform.web.PageResponse;
import com.example.likes.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/users")
@Tag(name = "users", description = "The users who like products.")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @PostMapping
    @Operation(summary = "Create a user")
    @ApiResponse(responseCode = "201", description = "Created; `Location` is its address")
    ResponseEntity<UserResponse> create(@RequestBody(required = false) CreateUserRequest body) {
        UserResponse created = UserResponse.from(users.create());
        var location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(created.id())
                .toUri();
        return ResponseEntity.created(location).body(created);
    }

    @GetMapping
    @Operation(summary = "List users, oldest first")
    PageResponse<UserResponse> list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return PageResponse.of(users.list(Paging.byCreationTime(page, size)), UserResponse::from);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a user")
    UserResponse get(@PathVariable UUID id) {
        return UserResponse.from(users.get(id));
    }
}
