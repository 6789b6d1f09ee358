package com.example.likes.product;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The product service: a replica of the dashboard's products ({@code replica/}), kept current by the dashboard over
 * gRPC ({@code replication/}), and the record of who liked which product, counted by the dashboard ({@code like/}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProductApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProductApplication.class, args);
    }
}
