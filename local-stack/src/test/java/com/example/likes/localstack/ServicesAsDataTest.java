package com.example.likes.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.likes.localstack.StackSettings.GrpcKeys;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack knows the services only from {@code services/*.properties}: a new file is a new service. */
class ServicesAsDataTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path root;

    @Nested
    class TheRepositorysDescriptors {

        @Test
        void describeTheDashboardAndProductServiceOnTheirDocumentedPorts() {
            List<ServiceDescriptor> services = ServiceDescriptor.discover(REPOSITORY);

            assertThat(services).extracting(ServiceDescriptor::name).contains("dashboard-service", "product-service");
            ServiceDescriptor dashboard = services.stream()
                    .filter(service -> service.name().equals("dashboard-service"))
                    .findFirst()
                    .orElseThrow();
            assertThat(dashboard.defaultPorts()).isEqualTo(new ServicePorts(8081, 9091, 8181));
            assertThat(dashboard.calls()).containsExactly("product-service");
            ServiceDescriptor product = services.stream()
                    .filter(service -> service.name().equals("product-service"))
                    .findFirst()
                    .orElseThrow();
            assertThat(dashboard.variable("GRPC_PORT")).isEqualTo("DASHBOARD_GRPC_PORT");
            assertThat(dashboard.clientVariable(product, "TARGET")).isEqualTo("DASHBOARD_TO_PRODUCT_TARGET");
            assertThat(product.clientVariable(dashboard, "API_KEY")).isEqualTo("PRODUCT_TO_DASHBOARD_API_KEY");
        }
    }

    @Nested
    class AThirdService {

        @Test
        void getsItsPortsDatabaseTargetsAndKeysFromItsFileAlone() throws IOException {
            givenTheTwoServicesAnd("inventory-service", """
                    env-prefix=INVENTORY
                    http-port=8083
                    grpc-port=9093
                    management-port=8183
                    database=inventory
                    calls=dashboard-service
                    developer-key=true
                    environment.INVENTORY_FEATURE=on
                    """);
            StackSettings settings = StackSettings.forTests(root, root.resolve("work"));

            Map<String, String> inventory =
                    LocalStack.environmentOf(settings, settings.service("inventory-service"), "jdbc:inv", "secret");
            Map<String, String> dashboard =
                    LocalStack.environmentOf(settings, settings.service("dashboard-service"), "jdbc:dash", "pw");

            ServicePorts ports = settings.portsOf("inventory-service");
            assertThat(inventory)
                    .containsEntry("INVENTORY_HTTP_PORT", Integer.toString(ports.http()))
                    .containsEntry("INVENTORY_GRPC_PORT", Integer.toString(ports.grpc()))
                    .containsEntry("INVENTORY_MANAGEMENT_PORT", Integer.toString(ports.management()))
                    .containsEntry("INVENTORY_DB_URL", "jdbc:inv")
                    .containsEntry("INVENTORY_DB_USER", "inventory")
                    .containsEntry("INVENTORY_DB_PASSWORD", "secret")
                    .containsEntry("INVENTORY_FEATURE", "on")
                    .containsEntry(
                            "INVENTORY_TO_DASHBOARD_TARGET",
                            "127.0.0.1:" + settings.portsOf("dashboard-service").grpc())
                    .doesNotContainKey("INVENTORY_TO_PRODUCT_TARGET");
            String presented = inventory.get("INVENTORY_TO_DASHBOARD_API_KEY");
            assertThat(dashboard.get("DASHBOARD_GRPC_CALLER_KEYS").split(","))
                    .contains(
                            "inventory-service:" + presented,
                            "product-service:" + settings.grpcKeys().of("product-service", "dashboard-service"));
            assertThat(inventory.get("INVENTORY_GRPC_CALLER_KEYS"))
                    .isEqualTo("developer:" + settings.grpcKeys().of("developer", "inventory-service"));
        }

        @Test
        void aCallerPresentsADifferentKeyToEachServer() throws IOException {
            givenTheTwoServicesAnd("inventory-service", """
                    env-prefix=INVENTORY
                    http-port=8083
                    grpc-port=9093
                    management-port=8183
                    database=inventory
                    calls=dashboard-service,product-service
                    """);
            StackSettings settings = StackSettings.forTests(root, root.resolve("work"));

            Map<String, String> inventory =
                    LocalStack.environmentOf(settings, settings.service("inventory-service"), "jdbc:inv", "pw");

            assertThat(inventory.get("INVENTORY_TO_DASHBOARD_API_KEY"))
                    .isNotBlank()
                    .isNotEqualTo(inventory.get("INVENTORY_TO_PRODUCT_API_KEY"));
            assertThat(inventory).doesNotContainKey("INVENTORY_GRPC_CALLER_KEYS");
        }

        @Test
        void isLeftOutWithItsTargetsWhenTheSettingsKeepOnlyTheOthers() throws IOException {
            givenTheTwoServicesAnd("inventory-service", """
                    env-prefix=INVENTORY
                    http-port=8083
                    grpc-port=9093
                    management-port=8183
                    database=inventory
                    calls=dashboard-service
                    """);
            StackSettings settings = StackSettings.forTests(root, root.resolve("work"))
                    .withOnly(List.of("dashboard-service", "product-service"));

            Map<String, String> dashboard =
                    LocalStack.environmentOf(settings, settings.service("dashboard-service"), "jdbc:dash", "pw");

            assertThat(settings.services())
                    .extracting(ServiceDescriptor::name)
                    .containsExactly("dashboard-service", "product-service");
            assertThat(dashboard.get("DASHBOARD_GRPC_CALLER_KEYS")).doesNotContain("inventory-service");
        }
    }

    @Nested
    class TheIssuer {

        @Test
        void isTheRepositorysDevelopmentAuthorizationServerOnItsDocumentedPort() {
            IssuerDescriptor issuer = IssuerDescriptor.discover(REPOSITORY);

            assertThat(issuer)
                    .isEqualTo(
                            new IssuerDescriptor("dev-authorization-server", "DEV_AUTH_PORT", 9000, "DEV_AUTH_ISSUER"));
            assertThat(StackSettings.fromEnvironment(REPOSITORY, Map.of("DEV_AUTH_PORT", "46901"))
                            .issuerUri())
                    .hasToString("http://127.0.0.1:46901");
        }

        @Test
        void isNamedToEveryServiceAsTheIssuerWhoseTokensItAccepts() throws IOException {
            givenTheTwoServicesAnd(null, null);
            Path issuerFolder = Files.createDirectories(root.resolve(IssuerDescriptor.FOLDER));
            Files.writeString(issuerFolder.resolve("login-server.properties"), """
                    port-variable=LOGIN_PORT
                    port=9500
                    issuer-variable=LOGIN_ISSUER
                    """);
            StackSettings settings = StackSettings.forTests(root, root.resolve("work"));

            assertThat(settings.issuer().name()).isEqualTo("login-server");
            for (ServiceDescriptor service : settings.services()) {
                assertThat(LocalStack.environmentOf(settings, service, "jdbc:x", "pw"))
                        .containsEntry(
                                "PLATFORM_OAUTH2_ISSUER_URI",
                                settings.issuerUri().toString());
            }
        }

        @Test
        void isLeftOutWhenTheRepositoryDescribesNone() throws IOException {
            givenTheTwoServicesAnd(null, null);
            StackSettings settings = StackSettings.forTests(root, root.resolve("work"));

            assertThat(settings.issuer()).isNull();
            assertThat(LocalStack.environmentOf(settings, settings.service("dashboard-service"), "jdbc:x", "pw"))
                    .doesNotContainKey("PLATFORM_OAUTH2_ISSUER_URI");
        }

        @Test
        void withoutItsPortVariableIsRefusedNamingTheKey() throws IOException {
            Path issuerFolder = Files.createDirectories(root.resolve(IssuerDescriptor.FOLDER));
            Files.writeString(issuerFolder.resolve("login-server.properties"), "port=9500\nissuer-variable=X\n");

            assertThatThrownBy(() -> IssuerDescriptor.discover(root))
                    .hasMessageContaining("login-server.properties")
                    .hasMessageContaining("'port-variable' is missing");
        }
    }

    @Nested
    class ABadDescriptor {

        @Test
        void withoutAPrefixIsRefusedNamingTheKey() throws IOException {
            givenTheTwoServicesAnd("inventory-service", "http-port=8083\n");

            assertThatThrownBy(() -> ServiceDescriptor.discover(root))
                    .hasMessageContaining("inventory-service.properties")
                    .hasMessageContaining("'env-prefix' is missing");
        }

        @Test
        void withAPortOutOfRangeIsRefused() throws IOException {
            givenTheTwoServicesAnd("inventory-service", """
                    env-prefix=INVENTORY
                    http-port=70000
                    grpc-port=9093
                    management-port=8183
                    database=inventory
                    """);

            assertThatThrownBy(() -> ServiceDescriptor.discover(root))
                    .hasMessageContaining("'http-port' must be a port (1 to 65535), not '70000'");
        }

        @Test
        void callingAServiceWithoutADescriptorIsRefused() throws IOException {
            givenTheTwoServicesAnd("inventory-service", """
                    env-prefix=INVENTORY
                    http-port=8083
                    grpc-port=9093
                    management-port=8183
                    database=inventory
                    calls=warehouse-service
                    """);

            assertThatThrownBy(() -> ServiceDescriptor.discover(root))
                    .hasMessageContaining("inventory-service calls warehouse-service, which has no descriptor");
        }

        @Test
        void aNameThatIsNotLowerCaseWordsIsRefused() throws IOException {
            givenTheTwoServicesAnd("Inventory_Service", "env-prefix=INVENTORY\n");

            assertThatThrownBy(() -> ServiceDescriptor.discover(root))
                    .hasMessageContaining("the service name 'Inventory_Service' must be lower-case words");
        }

        @Test
        void anEmptyFolderIsRefused() throws IOException {
            Files.createDirectories(root.resolve(ServiceDescriptor.FOLDER));

            assertThatThrownBy(() -> ServiceDescriptor.discover(root)).hasMessageContaining("no service descriptor");
        }

        @Test
        void askingForAServiceTheStackDoesNotHaveNamesTheOnesItHas() throws IOException {
            givenTheTwoServicesAnd(null, null);
            StackSettings settings = StackSettings.forTests(root, root.resolve("work"));

            assertThatThrownBy(() -> settings.service("inventory-service"))
                    .hasMessageContaining("no service inventory-service")
                    .hasMessageContaining("dashboard-service")
                    .hasMessageContaining("product-service");
        }
    }

    @Nested
    class TheStacksOwnCode {

        // Classes, methods, fields and record components: a name of one service in any of them is a switch over
        // services in disguise.
        @Test
        void namesNoServiceOfTheRepository() throws IOException {
            List<String> words = ServiceDescriptor.discover(REPOSITORY).stream()
                    .flatMap(service -> Stream.concat(
                            Stream.of(service.name().split("-")),
                            Stream.of(service.envPrefix().split("_"))))
                    .map(word -> word.toLowerCase(Locale.ROOT))
                    .filter(word -> !word.equals("service"))
                    .distinct()
                    .toList();
            List<String> names = new ArrayList<>();
            for (Class<?> type : stackClasses()) {
                names.add(type.getSimpleName());
                Stream.of(type.getDeclaredMethods()).map(Method::getName).forEach(names::add);
                Stream.of(type.getDeclaredFields()).map(Field::getName).forEach(names::add);
            }

            assertThat(words).contains("dashboard", "product");
            assertThat(names).hasSizeGreaterThan(50).contains("environmentOf", "grpcKeys");
            for (String word : words) {
                assertThat(names)
                        .as("names in local-stack's main code with '%s'", word)
                        .noneMatch(name -> name.toLowerCase(Locale.ROOT).contains(word));
            }
        }

        private static List<Class<?>> stackClasses() throws IOException {
            Path folder = Path.of("target", "classes")
                    .resolve(LocalStack.class.getPackageName().replace('.', '/'));
            try (Stream<Path> files = Files.list(folder)) {
                return files.map(file -> file.getFileName().toString())
                        .filter(file -> file.endsWith(".class"))
                        .map(file -> {
                            try {
                                return Class.forName(LocalStack.class.getPackageName() + "."
                                        + file.substring(0, file.length() - ".class".length()));
                            } catch (ClassNotFoundException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .<Class<?>>map(type -> type)
                        .toList();
            }
        }
    }

    @Test
    void theDevelopmentKeysAreThoseOfEnvExampleOnePerCaller() {
        GrpcKeys keys = GrpcKeys.development();

        assertThat(keys.of("product-service", "dashboard-service")).isEqualTo("dev-product-service-key");
        assertThat(keys.of("dashboard-service", "product-service")).isEqualTo("dev-dashboard-service-key");
        assertThat(keys.of(GrpcKeys.DEVELOPER, "dashboard-service")).isEqualTo("dev-developer-key");
        assertThat(keys.of("inventory-service", "dashboard-service")).isEqualTo("dev-inventory-service-key");
        assertThat(keys.operator()).isEqualTo("dev-operator-key");
    }

    @Test
    void randomKeysStayTheSameForAPairAndDifferBetweenPairs() {
        GrpcKeys keys = GrpcKeys.random();

        assertThat(keys.of("a-service", "b-service")).isEqualTo(keys.of("a-service", "b-service"));
        assertThat(keys.of("a-service", "b-service")).isNotEqualTo(keys.of("b-service", "a-service"));
        assertThat(keys).hasToString("GrpcKeys[hidden]");
    }

    // The repository's two descriptors, and a third one when name is not null.
    private void givenTheTwoServicesAnd(String name, String descriptor) throws IOException {
        Path folder = Files.createDirectories(root.resolve(ServiceDescriptor.FOLDER));
        for (String service : List.of("dashboard-service", "product-service")) {
            Files.copy(
                    REPOSITORY.resolve(ServiceDescriptor.FOLDER).resolve(service + ".properties"),
                    folder.resolve(service + ".properties"));
        }
        if (name != null) {
            Files.writeString(folder.resolve(name + ".properties"), descriptor);
        }
    }
}
