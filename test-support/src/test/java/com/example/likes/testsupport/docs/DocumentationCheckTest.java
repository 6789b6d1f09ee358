package com.example.likes.testsupport.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentationCheckTest {

    @TempDir
    Path root;

    private List<String> problemsWith(String markdown) throws IOException {
        write(".gitignore", "target/\n.local/\n");
        write(".env.example", "# the port\nSHOP_HTTP_PORT=8080\n");
        write("shop/src/main/java/com/example/shop/OrderService.java", """
                package com.example.shop;

                import org.springframework.stereotype.Service;

                @Service
                class OrderService {
                    void placeOrder() {}
                    static final String METRIC = "shop.orders.placed";
                    String target = System.getenv("SHOP_TO_BILLING_TARGET");
                }
                """);
        write("shop/src/main/resources/application.yml", """
                shop:
                  orders:
                    max-items: ${SHOP_MAX_ITEMS:10}
                spring:
                  grpc:
                    client:
                      channel:
                        billing-service:
                          target: localhost:9090
                """);
        write("shop/src/main/proto/shop/v1/shop.proto", """
                syntax = "proto3";
                package shop.v1;
                service OrderService {
                  rpc PlaceOrder(PlaceOrderRequest) returns (PlaceOrderResponse);
                }
                import "vendor/rules.proto";
                message PlaceOrderRequest {}
                message PlaceOrderResponse {}
                """);
        write("docs/guide.md", "# Guide\n\n## Orders\n");
        write("README.md", markdown);
        return new DocumentationCheck(RepositoryTree.scan(root))
                .problems().stream().map(problem -> problem.name()).toList();
    }

    @Nested
    class Classes {

        @Test
        void aClassOfTheRepositoryPasses() throws IOException {
            assertThat(problemsWith("`OrderService` places orders; `@Service` marks it."))
                    .isEmpty();
        }

        @Test
        void aClassThatDoesNotExistFails() throws IOException {
            assertThat(problemsWith("`OrderService` hands over to `TlsIT` and `PaymentGateway`."))
                    .containsExactly("TlsIT", "PaymentGateway");
        }

        @Test
        void aMethodTheClassDoesNotHaveFails() throws IOException {
            assertThat(problemsWith("`OrderService.placeOrder` and `OrderService.cancelOrder`."))
                    .containsExactly("OrderService.cancelOrder");
        }

        @Test
        void javaLangAndAnRpcOfTheContractPass() throws IOException {
            assertThat(problemsWith("`Long.MAX_VALUE`, `PlaceOrder`, `shop.v1.OrderService/PlaceOrder`, `shop.v2`"))
                    .isEmpty();
        }

        @Test
        void anRpcThatDoesNotExistFails() throws IOException {
            assertThat(problemsWith("`shop.v1.OrderService/CancelOrder`"))
                    .containsExactly("shop.v1.OrderService/CancelOrder");
        }

        @Test
        void anExternalNameOnTheAllowListPasses() throws IOException {
            assertThat(problemsWith("a cert-manager `Certificate`")).isEmpty();
        }
    }

    @Nested
    class Paths {

        @Test
        void filesAndFoldersThatExistPass() throws IOException {
            assertThat(problemsWith("`shop/`, `application.yml`, `*/src/main/resources/application.yml`, "
                            + "`com/example/shop/OrderService.java`, `docs/guide.md`, `.env.example`"))
                    .isEmpty();
        }

        @Test
        void whatABuildOrARunWritesAndWhatTheCodeImportsPass() throws IOException {
            assertThat(problemsWith("`shop/target/shop.jar`, `.local/certs/` and `vendor/rules.proto`"))
                    .isEmpty();
        }

        @Test
        void aPathThatDoesNotExistFails() throws IOException {
            assertThat(problemsWith("`shop/src/main/resources/db/migration/` and `orders/`"))
                    .containsExactly("shop/src/main/resources/db/migration/", "orders/");
        }

        @Test
        void aBrokenLinkOrHeadingFails() throws IOException {
            assertThat(problemsWith("[guide](docs/guide.md#orders), [gone](docs/gone.md), [x](docs/guide.md#refunds)"))
                    .containsExactly("docs/gone.md", "docs/guide.md#refunds");
        }
    }

    @Nested
    class Settings {

        @Test
        void keysOfTheConfigurationAndNamesTheCodeUsesPass() throws IOException {
            assertThat(problemsWith("`shop.orders.max-items: 5`, `spring.grpc.client.channel.<name>`, "
                            + "`shop.orders.placed`"))
                    .isEmpty();
        }

        @Test
        void aSettingThatDoesNotExistFails() throws IOException {
            assertThat(problemsWith("`shop.orders.max-lines` and `spring.grpc.client.channel.billing.target`"))
                    .containsExactly("shop.orders.max-lines", "spring.grpc.client.channel.billing.target");
        }
    }

    @Nested
    class EnvironmentVariables {

        @Test
        void variablesOfEnvExampleTheCodeOrTheConfigurationPass() throws IOException {
            assertThat(problemsWith("`SHOP_HTTP_PORT=9000`, `SHOP_MAX_ITEMS`, `SHOP_TO_BILLING_TARGET`, `SHOP_*`"))
                    .isEmpty();
        }

        @Test
        void aVariableNothingReadsFails() throws IOException {
            assertThat(problemsWith("`SHOP_GRPC_TARGET` and `BILLING_*`"))
                    .containsExactly("SHOP_GRPC_TARGET", "BILLING_*");
        }
    }

    @Test
    void textThatNamesNothingIsNotChecked() throws IOException {
        assertThat(problemsWith("`Authorization: Bearer <key>`, `?sslmode=verify-full&sslrootcert=/root.crt`, "
                        + "`/api/orders/{id}`, `application/problem+json`, `./mvnw verify`, `INTERNAL`, `.proto`, "
                        + "`package.Service/Method`"))
                .isEmpty();
    }

    @Test
    void commandsInCodeBlocksAndSupersededDecisionsAreNotRead() throws IOException {
        assertThat(problemsWith("```bash\nrun `OldTool`\n```\n")).isEmpty();
        write("docs/decisions/0001-old.md", "# 1. Old\n\nStatus: Superseded by 2\n\n`OldRelay` did it.\n");
        assertThat(new DocumentationCheck(RepositoryTree.scan(root)).problems()).isEmpty();
    }

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
