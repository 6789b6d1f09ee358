package com.example.likes.product.product;

import com.example.likes.platform.error.NotFoundException;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The replica's use cases: apply the changes the dashboard pushes, in version order, and read the live products.
 * Every change is idempotent, so the dashboard may deliver it again, late or concurrently with others.
 */
@Service
public class ProductService {

    private final ProductRepository products;

    ProductService(ProductRepository products) {
        this.products = products;
    }

    /** Stores a created or updated product; returns whether the replica changed. */
    boolean save(ProductSnapshot product) {
        return products.saveIfNewer(
                        product.id(),
                        product.title(),
                        product.image(),
                        product.createdAt(),
                        product.updatedAt(),
                        product.version())
                > 0;
    }

    /** Deletes a product, leaving a tombstone; returns whether the replica changed. */
    boolean delete(ProductDeletion deletion) {
        return products.deleteIfNewer(deletion.id(), deletion.version()) > 0;
    }

    @Transactional(readOnly = true)
    Page<Product> list(Pageable pageable) {
        return products.findByDeletedFalse(pageable);
    }

    /**
     * The live product with this id.
     *
     * @throws NotFoundException when the replica has never heard of it or it was deleted
     */
    @Transactional(readOnly = true)
    public Product get(UUID id) {
        return products.findByIdAndDeletedFalse(id).orElseThrow(() -> new NotFoundException("Product", id));
    }
}
