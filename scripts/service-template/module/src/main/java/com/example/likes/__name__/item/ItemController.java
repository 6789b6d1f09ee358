package com.example.likes.__name__.item;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code POST /api/items}: the service's REST endpoint. Like every write of the platform, it needs an end user's bearer
 * token; a permission of its own would be a {@code RestAccessRules} bean. Items are read over gRPC
 * ({@link ItemGrpcService}).
 */
@RestController
@RequestMapping("/api/items")
@Tag(name = "items", description = "The example feature: items, created over REST and read over gRPC.")
class ItemController {

    private final ItemService items;

    ItemController(ItemService items) {
        this.items = items;
    }

    @PostMapping
    @Operation(summary = "Create an item")
    @ApiResponse(responseCode = "201", description = "Created; `Location` is its address")
    ResponseEntity<ItemResponse> create(@Valid @RequestBody CreateItemRequest body) {
        ItemResponse created = ItemResponse.from(items.create(body.name()));
        var location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(created.id())
                .toUri();
        return ResponseEntity.created(location).body(created);
    }
}
