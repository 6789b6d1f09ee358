package com.example.likes.__name__.item;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** An item: a name, and when it was created. The example the service was generated with; make it your own. */
@Entity
@Table(name = "item")
class Item {

    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.RANDOM)
    private UUID id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    protected Item() {}

    Item(String name, Instant now) {
        this.name = name;
        // PostgreSQL keeps microseconds: truncating here makes the response equal what a later read returns.
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    Instant createdAt() {
        return createdAt;
    }
}
