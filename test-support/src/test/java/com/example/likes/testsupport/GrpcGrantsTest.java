package com.example.likes.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call which method, read from a service's application.yml as the platform reads it. */
class GrpcGrantsTest {

    private final GrpcGrants grants = GrpcGrants.ofThisService();

    @Test
    void aCallerMayCallTheMethodsItIsGrantedAndEveryMethodOfAServiceGrantedWhole() {
        assertThat(grants.allows("caller-one", "shop.v1.OrderService/GetOrder")).isTrue();
        assertThat(grants.allows("caller-one", "shop.v1.StockService/Reserve")).isTrue();
        assertThat(grants.allows("caller-one", "shop.v1.OrderService/ListOrders"))
                .isFalse();
    }

    @Test
    void aCommaSeparatedGrantIsAListAsForTheService() {
        assertThat(grants.allows("developer", "shop.v1.OrderService/ListOrders"))
                .isTrue();
        assertThat(grants.callersOf("shop.v1.OrderService/GetOrder")).containsExactly("caller-one", "developer");
    }

    @Test
    void aCallerWithoutAGrantMayCallNothing() {
        assertThat(grants.allows("stranger", "shop.v1.OrderService/GetOrder")).isFalse();
        assertThat(grants.callersOf("shop.v1.PaymentService/Pay")).isEmpty();
    }

    @Test
    void testKeysGiveEveryGrantedCallerAKeyOfItsOwn() {
        assertThat(grants.testKeys())
                .isEqualTo("caller-one:test-caller-one-key-0001,developer:test-developer-key-0001");
    }

    @Test
    void aFileWithoutGrantsGrantsNothing(@TempDir Path folder) throws IOException {
        Path yaml = Files.writeString(folder.resolve("application.yml"), "server:\n  port: 8080\n");

        assertThat(GrpcGrants.of(yaml).callers()).isEmpty();
    }
}
