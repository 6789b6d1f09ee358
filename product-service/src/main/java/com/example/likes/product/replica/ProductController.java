package com.example.likes.product.replica;

import com.example.likes.platform.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to the replica. Products change only through the dashboard, never through this API. */
@RestController
@RequestMapping("/api/products")
@Tag(name = "products", description = "The replica of the dashboard's products, under the dashboard's ids. Read-only.")
class ProductController {

    private final ProductService products;

    ProductController(ProductService products) {
        this.products = products;
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
}
