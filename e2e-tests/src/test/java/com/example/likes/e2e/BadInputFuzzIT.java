package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.example.likes.localstack.ServiceDescriptor;
import com.example.likes.localstack.StackSettings.GrpcKeys;
import com.example.likes.testsupport.GrpcGrants;
import com.example.likes.testsupport.GrpcProbes;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad requests generated from what the services publish about themselves, not from a hand-written list: every
 * operation of each service's OpenAPI document ({@code /v3/api-docs}) with one of its path or query parameters, its
 * body, a field of its body or its content type made invalid, and every gRPC method of every service whose request
 * names an entity (from the descriptors its server's reflection sends) with its ids malformed and its other fields
 * drawn from the whole range of their types. Each must be answered 4xx {@code application/problem+json} (or
 * {@code INVALID_ARGUMENT}) and leave every stored row as it was.
 *
 * <p>Each gRPC method is called with the key of a caller that its server's {@code application.yml} grants it (a
 * service that calls that server, or a developer), so a new method or caller needs nothing here; a method granted to
 * no caller of the system must refuse the key it is called with (PERMISSION_DENIED).
 *
 * <p>The seed is fixed, so a build runs the same requests every time; {@code -Dfuzz.tries=N} runs more of them (the
 * build's default is in e2e-tests' pom) and {@code -Dfuzz.seed=S} others. Each try draws from its own {@link Random}
 * seeded from the seed and the try's number, so it draws the same request whatever ran before it; a failure names
 * the seed, the try and the request, and {@code -Dfuzz.try=N} runs that try alone. The operator's endpoints are
 * not in these documents: they live on the management port, behind the operator's key.
 */
class BadInputFuzzIT {

    private static final long SEED = 20261201L;
    private static final long seed = Long.getLong("fuzz.seed", SEED);
    private static final int tries = Integer.getInteger("fuzz.tries", 250);
    private static final Integer only = Integer.getInteger("fuzz.try");
    private static final String PRINTABLE_ASCII = IntStream.rangeClosed('!', '~')
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static SystemUnderTest system;
    private static Http dashboard;
    private static Http product;
    private static final List<ManagedChannel> connections = new ArrayList<>();
    private static String protectedId;
    private static DevUser liker;
    private static List<Operation> operations;
    private static List<GrpcMethod> grpcMethods;

    @BeforeAll
    static void readWhatTheServicesPublish() throws Exception {
        system = SystemUnderTest.get();
        // Every request carries the token of a caller who may make it (the product editor on the dashboard, an end user
        // on product-service), so that what is refused is the bad input, not a missing token.
        dashboard = system.dashboardAsEditor();
        product = new Http(system.productHttp());
        liker = DevUser.registered(system);
        protectedId = dashboard
                .post(
                        "/api/products",
                        "{\"title\": \"Fuzz target\", \"image\": \"https://example.com/f.png\", \"likes\": 3}")
                .json()
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> product.get("/api/products/" + protectedId).status() == 200);
        operations = new ArrayList<>();
        operations.addAll(
                Operation.allOf("dashboard", dashboard.get("/v3/api-docs").json()));
        operations.addAll(Operation.allOf("product", product.get("/v3/api-docs").json()));
        Path root =
                Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        List<ServiceDescriptor> services = ServiceDescriptor.discover(root);
        grpcMethods = new ArrayList<>();
        for (ServiceDescriptor server : services) {
            ManagedChannel connection = ManagedChannelBuilder.forTarget(
                            system.service(server.name()).grpc())
                    .usePlaintext()
                    .build();
            connections.add(connection);
            grpcMethods.addAll(GrpcMethod.allOf(server, services, root, connection));
        }
        assertThat(operations).as("operations in the OpenAPI documents").hasSizeGreaterThan(5);
        assertThat(grpcMethods).as("gRPC methods whose requests name an entity").hasSizeGreaterThanOrEqualTo(5);
    }

    @AfterAll
    static void closeChannels() throws InterruptedException {
        for (ManagedChannel connection : connections) {
            connection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBadRestRequestIsA4xxProblemAndChangesNothing() {
        Gen<RestCall> calls = Gen.of(operations).flatMap(Operation::badCalls);
        return tries(calls, (where, call) -> {
            State before = State.now();

            RawHttp.Response response = call.send();

            assertThat(response.status())
                    .as("%s: %s\n-> %s", where, call, response)
                    .isBetween(400, 499);
            assertThat(response.isProblem())
                    .as("%s: %s\n-> %s", where, call, response)
                    .isTrue();
            assertThat(State.now()).as("%s: stored rows after %s", where, call).isEqualTo(before);
        });
    }

    @TestFactory
    Stream<DynamicTest> everyBadGrpcRequestIsInvalidArgumentAndChangesNothing() {
        Gen<GrpcCall> calls = Gen.of(grpcMethods).flatMap(GrpcMethod::badCalls);
        return tries(calls, (where, call) -> {
            State before = State.now();

            StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, call::send);

            assertThat(failure).as("%s: %s succeeded", where, call).isNotNull();
            assertThat(failure.getStatus().getCode())
                    .as("%s: %s -> %s", where, call, failure.getStatus())
                    .isEqualTo(call.method().expected());
            assertThat(State.now()).as("%s: stored rows after %s", where, call).isEqualTo(before);
        });
    }

    /** What one try checks of the request it drew; {@code where} names the seed and the try, to replay it by. */
    interface Check<T> {
        void of(String where, T call) throws Exception;
    }

    /**
     * {@code fuzz.tries} tests, each drawing its request from a {@link Random} of its own seeded by {@code fuzz.seed}
     * and its number: a try draws the same request whatever ran before it.
     */
    private static <T> Stream<DynamicTest> tries(Gen<T> calls, Check<T> check) {
        IntStream attempts = only == null ? IntStream.rangeClosed(1, tries) : IntStream.of(only);
        return attempts.mapToObj(attempt -> {
            String where = "-Dfuzz.seed=%d -Dfuzz.try=%d".formatted(seed, attempt);
            return DynamicTest.dynamicTest(where, () -> {
                T call = null;
                try {
                    call = calls.next(new Random(seed * 1_000_003L + attempt));
                    check.of(where, call);
                } catch (Exception e) {
                    throw new AssertionError(where + ": " + call + " threw " + e, e);
                }
            });
        });
    }

    /**
     * How a value is drawn. Hand-written: generation this simple needs no property-testing library (no shrinking: a
     * failure names its seed, try and request instead).
     */
    @FunctionalInterface
    interface Gen<T> {

        String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String DIGITS = "0123456789";

        T next(Random random);

        default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
            return random -> mapper.apply(next(random));
        }

        default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> mapper) {
            return random -> mapper.apply(next(random)).next(random);
        }

        default Gen<T> filter(Predicate<? super T> accepted) {
            return random -> {
                for (int attempt = 0; attempt < 10_000; attempt++) {
                    T value = next(random);
                    if (accepted.test(value)) {
                        return value;
                    }
                }
                throw new IllegalStateException("no accepted value in 10000 draws");
            };
        }

        static <T> Gen<T> just(T value) {
            return random -> value;
        }

        @SafeVarargs
        static <T> Gen<T> of(T... values) {
            return of(List.of(values));
        }

        static <T> Gen<T> of(List<T> values) {
            List<T> copy = List.copyOf(values);
            return random -> copy.get(random.nextInt(copy.size()));
        }

        @SafeVarargs
        static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
            return oneOf(List.of(gens));
        }

        static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
            List<? extends Gen<? extends T>> copy = List.copyOf(gens);
            return random -> copy.get(random.nextInt(copy.size())).next(random);
        }

        /** From {@code min} to {@code max}, both included. */
        static Gen<Integer> ints(int min, int max) {
            return longs(min, max).map(Long::intValue);
        }

        /** From {@code min} to {@code max}, both included. */
        static Gen<Long> longs(long min, long max) {
            return random -> {
                if (max < Long.MAX_VALUE) {
                    return random.nextLong(min, max + 1);
                }
                return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
            };
        }

        /** From {@code min} to {@code max}, both included. */
        static Gen<Character> chars(char min, char max) {
            return ints(min, max).map(c -> (char) c.intValue());
        }

        /** Strings of {@code minLength} to {@code maxLength} characters, each one of {@code chars}. */
        static Gen<String> strings(String chars, int minLength, int maxLength) {
            return random -> {
                int length = random.nextInt(minLength, maxLength + 1);
                StringBuilder text = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    text.append(chars.charAt(random.nextInt(chars.length())));
                }
                return text.toString();
            };
        }

        /** A canonical UUID drawn from the random, so that a try draws the same one again. */
        static Gen<String> uuids() {
            return random -> new UUID(random.nextLong(), random.nextLong()).toString();
        }
    }

    /** What a bad request must leave alone: the counts of every table a caller can reach, and one product. */
    record State(long products, long users, long replicaProducts, JsonNode protectedProduct, JsonNode replica) {

        static State now() {
            return new State(
                    total(dashboard, "/api/products?size=1"),
                    total(dashboard, "/api/users?size=1"),
                    total(product, "/api/products?size=1"),
                    dashboard.get("/api/products/" + protectedId).json(),
                    product.get("/api/products/" + protectedId).json());
        }

        private static long total(Http service, String path) {
            return service.get(path).json().get("page").get("totalElements").asLong();
        }
    }

    // ---- REST, from the OpenAPI documents ----

    /** One request, as sent, and the mutation that makes it bad. */
    record RestCall(
            String service, String method, String target, Map<String, String> headers, byte[] body, String why) {

        RawHttp.Response send() {
            return new RawHttp(service.equals("dashboard") ? system.dashboardHttp() : system.productHttp())
                    .send(method, target, headers, body);
        }

        @Override
        public String toString() {
            String shown = new String(body, StandardCharsets.UTF_8);
            return "%s %s %s %s %s [%s]"
                    .formatted(
                            service,
                            method,
                            target,
                            headers,
                            shown.length() > 300 ? shown.substring(0, 300) + "..." : shown,
                            why);
        }
    }

    /** A parameter of an operation: where it goes, its name, and its schema. */
    record Parameter(String in, String name, JsonNode schema) {}

    /** One operation of an OpenAPI document, with what a bad request may change in it. */
    record Operation(String service, String method, String path, List<Parameter> parameters, JsonNode bodySchema) {

        static List<Operation> allOf(String service, JsonNode document) {
            List<Operation> found = new ArrayList<>();
            document.get("paths").properties().forEach(path -> {
                path.getValue().properties().forEach(entry -> {
                    JsonNode operation = entry.getValue();
                    List<Parameter> parameters = new ArrayList<>();
                    operation
                            .path("parameters")
                            .forEach(p -> parameters.add(new Parameter(
                                    p.get("in").asString(),
                                    p.get("name").asString(),
                                    resolve(document, p.get("schema")))));
                    JsonNode body = operation
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("schema");
                    found.add(new Operation(
                            service,
                            entry.getKey().toUpperCase(java.util.Locale.ROOT),
                            path.getKey(),
                            parameters,
                            body.isMissingNode() ? null : resolve(document, body)));
                });
            });
            return found;
        }

        private static JsonNode resolve(JsonNode document, JsonNode schema) {
            if (schema != null && schema.has("$ref")) {
                String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
                return document.get("components").get("schemas").get(name);
            }
            return schema;
        }

        Gen<RestCall> badCalls() {
            List<Gen<RestCall>> ways = new ArrayList<>();
            for (Parameter parameter : parameters) {
                if (parameter.in().equals("path")) {
                    ways.add(malformedIds()
                            .map(bad -> call(
                                    target(parameter.name(), bad, null, null),
                                    validBody(),
                                    json(),
                                    "path " + parameter.name() + " = " + bad)));
                } else if (parameter.in().equals("query")
                        && parameter.schema().path("type").asString().equals("integer")) {
                    ways.add(badWholeNumbers(parameter.name())
                            .map(bad -> call(
                                    target(null, null, parameter.name(), bad),
                                    validBody(),
                                    json(),
                                    "query " + parameter.name() + " = " + bad)));
                }
            }
            if (bodySchema != null) {
                ways.add(badBodies()
                        .map(bad -> call(
                                target(null, null, null, null),
                                bad.getBytes(StandardCharsets.UTF_8),
                                json(),
                                "body " + bad)));
                ways.add(badContentTypes()
                        .map(type -> call(
                                target(null, null, null, null),
                                validBody(),
                                Map.of("Content-Type", type),
                                "content type " + type)));
                ways.add(Gen.ints(65 * 1024, 200 * 1024)
                        .map(size -> call(
                                target(null, null, null, null),
                                oversize(size),
                                json(),
                                "a body of " + size + " bytes")));
                for (Map.Entry<String, JsonNode> field :
                        bodySchema.path("properties").properties()) {
                    ways.add(badValues(field.getValue(), required(field.getKey()))
                            .map(bad -> call(
                                    target(null, null, null, null),
                                    withField(field.getKey(), bad),
                                    json(),
                                    "field " + field.getKey() + " = " + bad)));
                }
            }
            if (ways.isEmpty()) {
                // Nothing of this operation comes from the caller: a bad request of it is a bad header.
                ways.add(Gen.of("Content-Length: x", "Content-Type: \u0001")
                        .map(header -> call(
                                target(null, null, null, null),
                                new byte[0],
                                Map.of(header.split(": ")[0], header.split(": ")[1]),
                                "header " + header)));
            }
            return Gen.oneOf(ways);
        }

        private RestCall call(String target, byte[] body, Map<String, String> headers, String why) {
            boolean sendsBody = bodySchema != null;
            Map<String, String> sent = new java.util.LinkedHashMap<>(sendsBody ? headers : Map.of());
            String token = service.equals("dashboard")
                    ? system.tokens().editor()
                    : liker.token().get();
            sent.put("Authorization", "Bearer " + token);
            return new RestCall(service, method, target, sent, sendsBody ? body : new byte[0], why);
        }

        private boolean required(String field) {
            for (JsonNode name : bodySchema.path("required")) {
                if (name.asString().equals(field)) {
                    return true;
                }
            }
            return false;
        }

        /** The path with the protected product's id in every path parameter but {@code badName}. */
        private String target(String badName, String badValue, String badQuery, String badQueryValue) {
            Matcher matcher = PATH_PARAMETER.matcher(path);
            StringBuilder target = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(
                        target, Matcher.quoteReplacement(matcher.group(1).equals(badName) ? badValue : protectedId));
            }
            matcher.appendTail(target);
            if (badQuery != null) {
                target.append('?').append(badQuery).append('=').append(badQueryValue);
            }
            return target.toString();
        }

        private static Map<String, String> json() {
            return Map.of("Content-Type", "application/json");
        }

        private byte[] validBody() {
            return bodySchema == null ? new byte[0] : JSON.writeValueAsBytes(validObject());
        }

        private ObjectNode validObject() {
            ObjectNode body = JSON.createObjectNode();
            bodySchema.path("properties").properties().forEach(field -> {
                JsonNode schema = field.getValue();
                switch (schema.path("type").asString()) {
                    case "integer", "number" -> body.put(field.getKey(), 1);
                    case "boolean" -> body.put(field.getKey(), true);
                    default ->
                        body.put(
                                field.getKey(),
                                switch (schema.path("format").asString()) {
                                    case "uuid" -> UUID.randomUUID().toString();
                                    case "uri" -> "https://example.com/fuzzed.png";
                                    default -> "Fuzzed";
                                });
                }
            });
            return body;
        }

        private byte[] withField(String field, String rawJsonValue) {
            ObjectNode body = validObject();
            body.remove(field);
            String rest = JSON.writeValueAsString(body);
            String joined = rest.equals("{}")
                    ? "{\"" + field + "\":" + rawJsonValue + "}"
                    : "{\"" + field + "\":" + rawJsonValue + "," + rest.substring(1);
            return joined.getBytes(StandardCharsets.UTF_8);
        }

        private byte[] oversize(int size) {
            ObjectNode body = validObject();
            body.put("padding", "x".repeat(size));
            return JSON.writeValueAsBytes(body);
        }

        /** Whole bodies that are not an acceptable object of the schema. */
        private Gen<String> badBodies() {
            String valid = new String(validBody(), StandardCharsets.UTF_8);
            String firstField = bodySchema.path("properties").properties().stream()
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse("field");
            return Gen.oneOf(
                    // cut short: malformed JSON
                    Gen.ints(1, Math.max(1, valid.length() - 1)).map(cut -> valid.substring(0, cut)),
                    // another JSON value than an object
                    Gen.of("[]", "[" + valid + "]", "\"text\"", "42", "true", "null"),
                    // an unknown field
                    Gen.strings(Gen.ALPHA, 1, 12)
                            .filter(name -> !bodySchema.path("properties").has(name))
                            .map(name -> valid.equals("{}")
                                    ? "{\"" + name + "\":1}"
                                    : "{\"" + name + "\":1," + valid.substring(1)),
                    // a duplicated field
                    Gen.just(
                            valid.equals("{}")
                                    ? "{\"a\":1,\"a\":1}"
                                    : "{\"" + firstField + "\":null," + valid.substring(1)),
                    // garbage after the object
                    Gen.strings("}]x,{0", 1, 5).map(tail -> valid + tail),
                    // not UTF-8 or not JSON at all
                    Gen.strings(PRINTABLE_ASCII, 1, 30)
                            .filter(text -> !text.startsWith("{")
                                    && !text.startsWith("[")
                                    && !text.matches("-?\\d+|true|false|null|\".*\""))
                            .map(text -> "<" + text));
        }

        /** JSON values (as text) that break a field's schema. */
        private static Gen<String> badValues(JsonNode schema, boolean required) {
            List<Gen<String>> values = new ArrayList<>();
            values.add(Gen.of("[]", "{}", "[1]", "{\"a\":1}"));
            switch (schema.path("type").asString()) {
                case "integer" -> {
                    values.add(Gen.of("\"5\"", "true", "1.5", "1e400", "99999999999999999999", "-1e30"));
                    if (schema.has("minimum")) {
                        long minimum = schema.get("minimum").asLong();
                        values.add(Gen.longs(Long.MIN_VALUE / 2, minimum - 1).map(String::valueOf));
                    }
                }
                case "boolean" -> values.add(Gen.of("\"true\"", "1", "0"));
                default -> {
                    values.add(Gen.of("5", "true", "1.5"));
                    if (schema.path("format").asString().equals("uuid")) {
                        values.add(malformedIds().map(BadInputFuzzIT::jsonString));
                    } else {
                        values.add(textBreakingTheRule().map(BadInputFuzzIT::jsonString));
                        if (schema.has("maxLength")) {
                            int max = schema.get("maxLength").asInt();
                            values.add(Gen.ints(max + 1, max * 5)
                                    .map(length -> JSON.writeValueAsString("x".repeat(length))));
                        }
                        if (schema.has("minLength") && schema.get("minLength").asInt() > 0 || required) {
                            values.add(Gen.strings(" \t", 0, 5).map(blank -> JSON.writeValueAsString(blank)));
                        }
                    }
                }
            }
            if (required) {
                values.add(Gen.just("null"));
            }
            return Gen.oneOf(values);
        }

        private static Gen<String> badContentTypes() {
            return Gen.oneOf(
                    Gen.of(
                            "multipart/form-data; boundary=fuzz",
                            "multipart/form-data",
                            "application/x-www-form-urlencoded",
                            "text/plain",
                            "application/xml",
                            "application/octet-stream"),
                    // a media type that does not parse, or is no known one
                    Gen.strings(Gen.ALPHA, 1, 12)
                            .filter(name -> !name.equalsIgnoreCase("json"))
                            .flatMap(name -> Gen.of(name, name + "/", "/" + name, name + "/" + name + ";;=")));
        }

        /** Values that are not a whole number an endpoint can page with. */
        private static Gen<String> badWholeNumbers(String name) {
            List<Gen<String>> values = new ArrayList<>(List.of(
                    Gen.longs(Long.MIN_VALUE, -1).map(String::valueOf),
                    Gen.longs(Integer.MAX_VALUE + 1L, Long.MAX_VALUE).map(String::valueOf),
                    // from 10^19 to 10^40: beyond every long
                    random -> new BigInteger(140, random)
                            .mod(BigInteger.TEN
                                    .pow(40)
                                    .subtract(BigInteger.TEN.pow(19))
                                    .add(BigInteger.ONE))
                            .add(BigInteger.TEN.pow(19))
                            .toString(),
                    ((Gen<Double>) random -> random.nextDouble(0.01, 1e6))
                            .filter(d -> d != Math.rint(d))
                            .map(Object::toString),
                    Gen.strings(Gen.ALPHA, 1, 10),
                    percentEncodedBytes()));
            if (name.equals("page")) {
                // pages whose first row lies beyond what an int offset can hold, at the default size of 20
                values.add(
                        Gen.ints(Integer.MAX_VALUE / 20 + 1, Integer.MAX_VALUE).map(Object::toString));
            }
            if (name.equals("size")) {
                values.add(Gen.just("0"));
            }
            return Gen.oneOf(values);
        }
    }

    // ---- values that every generator shares ----

    /** Path or body ids that are not canonical UUIDs, never empty. */
    static Gen<String> malformedIds() {
        Gen<String> uuid = Gen.uuids();
        Gen<Integer> position = Gen.ints(0, 35);
        Gen<String> replacement = Gen.strings("gxz-_~!$%&'()*+,;=:@", 1, 1);
        return Gen.<String>oneOf(
                        Gen.strings(Gen.ALPHA + Gen.DIGITS + "-", 1, 40),
                        // a UUID with one character replaced, dropped or added
                        random -> {
                            String id = uuid.next(random);
                            int at = position.next(random);
                            return id.substring(0, at) + replacement.next(random) + id.substring(at + 1);
                        },
                        uuid.map(id -> id.substring(1)),
                        uuid.map(id -> id + "0"),
                        uuid.map(id -> id.replace("-", "")),
                        // a UUID or word with bytes percent-encoded around it: NUL, slashes, dots, overlong UTF-8
                        random -> uuid.next(random) + percentEncodedBytes().next(random),
                        percentEncodedBytes(),
                        Gen.of("{id}", "%", "%zz", "%2", "..", ".", "%2e%2e", "%2e%2e%2f", "%C0%AF", "%00"))
                .filter(id -> !UUID_SHAPE.matcher(id).matches());
    }

    private static Gen<String> percentEncodedBytes() {
        return random -> {
            byte[] bytes = new byte[random.nextInt(1, 7)];
            random.nextBytes(bytes);
            StringBuilder encoded = new StringBuilder();
            for (byte b : bytes) {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
            return encoded.toString();
        };
    }

    /** Text that breaks the shared text rule: a control character or an unpaired surrogate somewhere in it. */
    static Gen<String> textBreakingTheRule() {
        Gen<Character> forbidden =
                Gen.oneOf(Gen.chars('\u0000', '\u001f'), Gen.chars('\u007f', '\u009f'), Gen.chars('\ud800', '\udfff'));
        Gen<String> letters = Gen.strings(Gen.ALPHA, 0, 20);
        return random -> letters.next(random) + forbidden.next(random) + letters.next(random);
    }

    /**
     * A JSON string literal with everything outside printable ASCII escaped, so that an unpaired surrogate reaches
     * the server as the JSON escape it is, instead of being replaced by {@code ?} when the body is encoded.
     */
    static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append("\\u%04x".formatted((int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    // ---- gRPC, from the proto descriptors ----

    /** One gRPC call, as sent. */
    record GrpcCall(GrpcMethod method, DynamicMessage request) {

        void send() {
            ClientCalls.blockingUnaryCall(
                    method.channel(),
                    method.descriptor(),
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                    request);
        }

        @Override
        public String toString() {
            return method.descriptor().getFullMethodName() + " as " + method.caller() + " "
                    + request.toString().replace('\n', ' ');
        }
    }

    /**
     * A method whose request names an entity by id, as its descriptor describes it, on a channel that presents
     * {@code caller}'s key, and the code bad input must get there: INVALID_ARGUMENT, or PERMISSION_DENIED for a
     * method that no caller of the system is granted.
     */
    record GrpcMethod(
            MethodDescriptor<DynamicMessage, DynamicMessage> descriptor,
            Descriptors.Descriptor input,
            Channel channel,
            String caller,
            Status.Code expected) {

        private static final Metadata.Key<String> API_KEY =
                Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

        /**
         * The methods of {@code server} that name an entity: every service its reflection lists, each method called
         * as a caller its {@code application.yml} grants it, among those the system gives a key for it (the services
         * that call it, then a developer, whose rate limits are lower).
         */
        static List<GrpcMethod> allOf(
                ServiceDescriptor server, List<ServiceDescriptor> services, Path root, ManagedChannel connection)
                throws Exception {
            GrpcGrants grants =
                    GrpcGrants.of(root.resolve(server.name()).resolve("src/main/resources/application.yml"));
            List<String> keyHolders = new ArrayList<>();
            services.stream()
                    .filter(caller -> caller.calls().contains(server.name()))
                    .map(ServiceDescriptor::name)
                    .forEach(keyHolders::add);
            if (server.developerKey()) {
                keyHolders.add(GrpcKeys.DEVELOPER);
            }
            List<GrpcMethod> found = new ArrayList<>();
            for (Descriptors.ServiceDescriptor proto : GrpcProbes.reflectedServiceDescriptors(connection)) {
                for (Descriptors.MethodDescriptor method : proto.getMethods()) {
                    if (!namesAnEntity(method.getInputType(), 0)) {
                        continue;
                    }
                    String fullName = MethodDescriptor.generateFullMethodName(proto.getFullName(), method.getName());
                    String granted = keyHolders.stream()
                            .filter(caller -> grants.allows(caller, fullName))
                            .findFirst()
                            .orElse(null);
                    String caller = granted != null ? granted : keyHolders.isEmpty() ? null : keyHolders.getFirst();
                    found.add(new GrpcMethod(
                            MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                                    .setType(MethodDescriptor.MethodType.UNARY)
                                    .setFullMethodName(fullName)
                                    .setRequestMarshaller(ProtoUtils.marshaller(
                                            DynamicMessage.getDefaultInstance(method.getInputType())))
                                    .setResponseMarshaller(ProtoUtils.marshaller(
                                            DynamicMessage.getDefaultInstance(method.getOutputType())))
                                    .build(),
                            method.getInputType(),
                            caller == null
                                    ? connection
                                    : withKey(connection, system.grpcKeys().of(caller, server.name())),
                            caller == null ? "nobody" : caller,
                            granted != null
                                    ? Status.Code.INVALID_ARGUMENT
                                    : caller != null ? Status.Code.PERMISSION_DENIED : Status.Code.UNAUTHENTICATED));
                }
            }
            return found;
        }

        private static Channel withKey(ManagedChannel connection, String key) {
            Metadata headers = new Metadata();
            headers.put(API_KEY, key);
            return ClientInterceptors.intercept(connection, MetadataUtils.newAttachHeadersInterceptor(headers));
        }

        private static boolean namesAnEntity(Descriptors.Descriptor message, int depth) {
            for (FieldDescriptor field : message.getFields()) {
                if (isId(field)) {
                    return true;
                }
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                        && depth < 2
                        && namesAnEntity(field.getMessageType(), depth + 1)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isId(FieldDescriptor field) {
            return field.getJavaType() == FieldDescriptor.JavaType.STRING
                    && (field.getName().equals("id") || field.getName().endsWith("_id"));
        }

        Gen<GrpcCall> badCalls() {
            return message(input, 0).map(request -> new GrpcCall(this, request));
        }

        /**
         * A message whose every id is malformed and every other field takes any value of its type, bad ones often;
         * a message field that names an entity may also be absent (a required part missing).
         */
        private static Gen<DynamicMessage> message(Descriptors.Descriptor type, int depth) {
            List<Gen<Map.Entry<FieldDescriptor, Object>>> fields = new ArrayList<>();
            for (FieldDescriptor field : type.getFields()) {
                if (field.isRepeated() || field.getContainingOneof() != null) {
                    continue;
                }
                Gen<Object> value = value(field, depth);
                if (value != null) {
                    fields.add(value.map(v -> Map.entry(field, v)));
                }
            }
            return random -> {
                DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
                for (Gen<Map.Entry<FieldDescriptor, Object>> field : fields) {
                    Map.Entry<FieldDescriptor, Object> entry = field.next(random);
                    if (entry.getValue() != ABSENT) {
                        builder.setField(entry.getKey(), entry.getValue());
                    }
                }
                return builder.build();
            };
        }

        private static final Object ABSENT = new Object();

        private static Gen<Object> absentOnceInFive(Gen<DynamicMessage> present) {
            return random -> random.nextInt(5) == 0 ? ABSENT : present.next(random);
        }

        private static Gen<Object> value(FieldDescriptor field, int depth) {
            return switch (field.getJavaType()) {
                case STRING ->
                    isId(field)
                            ? malformedIds().map(id -> (Object) id)
                            : Gen.oneOf(
                                            textBreakingTheRule()
                                                    .filter(t ->
                                                            t.chars().noneMatch(c -> Character.isSurrogate((char) c))),
                                            Gen.strings(Gen.ALPHA, 201, 400),
                                            Gen.strings(" ", 0, 3),
                                            Gen.strings(Gen.ALPHA, 1, 20))
                                    .map(s -> (Object) s);
                case LONG ->
                    Gen.oneOf(
                                    Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE),
                                    Gen.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L, 1L, (1L << 53), (1L << 53) - 1))
                            .map(v -> (Object) v);
                case INT ->
                    Gen.oneOf(
                                    Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE),
                                    Gen.of(-1, 0, 1, 999_999_999, 1_000_000_000))
                            .map(v -> (Object) v);
                case BOOLEAN -> Gen.of(true, false).map(v -> (Object) v);
                case MESSAGE ->
                    depth >= 2 ? Gen.just(ABSENT) : absentOnceInFive(message(field.getMessageType(), depth + 1));
                default -> null;
            };
        }
    }
}
