package com.example.likes.dashboard.product;

import com.example.likes.platform.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Products: anyone reads them; creating, replacing, patching and deleting one needs
 * {@value ProductAccess#PRODUCTS_WRITE} ({@link ProductAccess}).
 */
@RestController
@RequestMapping("/api/products")
@Tag(name = "products", description = "Products and their like counts. Every change reaches product-service's replica.")
class ProductController {

    private final ProductService products;

    ProductController(ProductService products) {
        this.products = products;
    }

    @PostMapping
    @Operation(summary = "Create a product")
    @ApiResponse(responseCode = "201", description = "Created; `Location` is its address")
    ResponseEntity<ProductResponse> create(@Valid @RequestBody ProductRequest request) {
        ProductResponse created = ProductResponse.from(products.create(request.toDraft()));
        var location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(created.id())
                .toUri();
        return ResponseEntity.created(location).body(created);
    }

    @GetMapping
    @Operation(summary = "List products, oldest first")
    PageResponse<ProductResponse> list(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(required = false) @Nullable String cursor) {
        return products.list(page, size, cursor).map(ProductResponse::from);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a product")
    ProductResponse get(@PathVariable UUID id) {
        return ProductResponse.from(products.get(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a product", description = "Every field; one left out takes its default.")
    ProductResponse replace(@PathVariable UUID id, @Valid @RequestBody ProductReplacementRequest request) {
        return ProductResponse.from(products.update(id, request.toPatch()));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change some fields of a product", description = "Only the fields sent change.")
    ProductResponse patch(@PathVariable UUID id, @Valid @RequestBody ProductPatchRequest request) {
        return ProductResponse.from(products.update(id, request.toPatch()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a product")
    @ApiResponse(responseCode = "204", description = "Deleted")
    void delete(@PathVariable UUID id) {
        products.delete(id);
    }
}
