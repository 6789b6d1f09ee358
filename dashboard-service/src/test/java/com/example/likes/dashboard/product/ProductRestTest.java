package com.example.likes.dashboard.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.dashboard.DashboardIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/products}: every endpoint's success, and the bad input of each that docs/failures-and-operations.md
 * ("Bad input") and the service's API docs ({@code /v3/api-docs}) describe.
 */
class ProductRestTest extends DashboardIntegrationTest {

    private static final String TITLE_200 = "t".repeat(200);
    private static final String IMAGE_200 = "https://example.com/" + "i".repeat(180);

    @Nested
    class Creating {

        @Test
        void postCreatesProductAndPointsToIt() {
            var created = post("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png", "likes": 3}""")
                    .expectStatus()
                    .isCreated()
                    .expectBody(ProductResponse.class)
                    .returnResult();

            ProductResponse product = created.getResponseBody();
            assertThat(product.title()).isEqualTo("Lamp");
            assertThat(product.image()).isEqualTo("https://example.com/lamp.png");
            assertThat(product.likes()).isEqualTo(3);
            assertThat(product.createdAt()).isNotNull().isEqualTo(product.updatedAt());
            assertThat(created.getResponseHeaders().getLocation()).hasPath("/api/products/" + product.id());
        }

        @Test
        void imageAndLikesAreOptional() {
            post("""
                    {"title": "Lamp"}""")
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.image")
                    .isEqualTo("")
                    .jsonPath("$.likes")
                    .isEqualTo(0);
        }

        @Test
        void titleAndImageOfTwoHundredCharactersAreAccepted() {
            post("""
                    {"title": "%s", "image": "%s"}""".formatted(TITLE_200, IMAGE_200))
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo(TITLE_200)
                    .jsonPath("$.image")
                    .isEqualTo(IMAGE_200);
        }

        @Test
        void likeCountAboveTwoToTheThirtyFirstIsStoredAndReturned() {
            ProductResponse product = create("""
                    {"title": "Popular", "likes": 3000000000}""");

            assertThat(product.likes()).isEqualTo(3_000_000_000L);
            assertThat(jdbc.sql("select likes from product where id = ?")
                            .param(product.id())
                            .query(Long.class)
                            .single())
                    .isEqualTo(3_000_000_000L);
            rest.get()
                    .uri("/api/products/{id}", product.id())
                    .exchange()
                    .expectBody()
                    .jsonPath("$.likes")
                    .isEqualTo(3_000_000_000L);
        }

        @Test
        void malformedJsonIsRejected() {
            rejected(post("{\"title\": "), "malformed JSON");
        }

        @Test
        void aDuplicatedFieldIsRejectedInsteadOfTheLastOneWinning() {
            rejected(post("{\"title\": \"x\", \"title\": \"y\"}"), "malformed JSON: Duplicate");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"a\\u0000b", "tab\\there", "line\\nbreak", "\\u001b[31mred", "c1\\u0085", "lone\\ud800"})
        void aTitleOrImageBreakingTheSharedTextRuleIsRejected(String escaped) {
            rejectedField(post("{\"title\": \"%s\"}".formatted(escaped)), "title");
            rejectedField(post("{\"title\": \"ok\", \"image\": \"%s\"}".formatted(escaped)), "image");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "multipart/form-data; boundary=x",
                    "multipart/form-data",
                    "multipart/mixed; boundary=x",
                    "application/x-www-form-urlencoded",
                    "text/plain",
                    "application/xml"
                })
        void aJsonBodyUnderAnotherContentTypeIsUnsupported(String contentType) {
            editor().post()
                    .uri("/api/products")
                    .header("Content-Type", contentType)
                    .body("{\"title\": \"Lamp\"}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(415)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(productRows()).isZero();
        }

        @Test
        void missingBodyIsRejected() {
            editor().post()
                    .uri("/api/products")
                    .contentType(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
            assertThat(productRows()).isZero();
        }

        @Test
        void unknownFieldIsRejected() {
            rejectedField(post("""
                    {"title": "Lamp", "colour": "red"}"""), "colour");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"many\"", "\"5\"", "1.5", "true", "[1]", "{}"})
        void likesOfWrongTypeAreRejected(String likes) {
            rejectedField(post("""
                    {"title": "Lamp", "likes": %s}""".formatted(likes)), "likes");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"text\": \"Lamp\"}", "123", "true", "[\"Lamp\"]"})
        void titleOfWrongTypeIsRejected(String title) {
            rejectedField(post("""
                    {"title": %s}""".formatted(title)), "title");
        }

        @Test
        void negativeLikesAreRejected() {
            rejectedField(post("""
                    {"title": "Lamp", "likes": -1}"""), "likes");
        }

        @Test
        void likesBeyondInt64AreRejected() {
            rejectedField(post("""
                    {"title": "Lamp", "likes": 9223372036854775808}"""), "likes");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"title\": \"\"}", "{\"title\": \"   \"}", "{\"title\": null}"})
        void missingOrBlankTitleIsRejected(String body) {
            rejectedField(post(body), "title");
        }

        @Test
        void titleOfTwoHundredAndOneCharactersIsRejected() {
            rejectedField(post("""
                    {"title": "%s"}""".formatted(TITLE_200 + "t")), "title");
        }

        @Test
        void imageOfTwoHundredAndOneCharactersIsRejected() {
            rejectedField(post("""
                    {"title": "Lamp", "image": "%s"}""".formatted(IMAGE_200 + "i")), "image");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "lamp.png",
                    "/images/lamp.png",
                    "//example.com/lamp.png",
                    "https://",
                    "https:///lamp.png",
                    "javascript:alert(1)",
                    "data:image/png;base64,iVBORw0KGgo=",
                    "ftp://example.com/lamp.png",
                    "file:///etc/passwd",
                    "https://example.com/a lamp.png"
                })
        void anImageThatIsNotAnHttpsUrlIsRejected(String image) {
            rejectedField(post("{\"title\": \"Lamp\", \"image\": \"%s\"}".formatted(image)), "image");
        }

        @Test
        void anHttpImageIsAcceptedInDevelopment() {
            post("""
                    {"title": "Lamp", "image": "http://localhost:8000/lamp.png"}""").expectStatus().isCreated();
        }

        @Test
        void nonJsonContentTypeIsUnsupported() {
            editor().post()
                    .uri("/api/products")
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("Lamp")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(415);
            assertThat(productRows()).isZero();
        }

        private ResponseSpec post(String body) {
            return editor().post()
                    .uri("/api/products")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange();
        }

        private void rejectedField(ResponseSpec response, String field) {
            response.expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(400)
                    .jsonPath("$.detail")
                    .value(String.class, detail -> assertThat(detail).contains(field))
                    .jsonPath("$.errors[0].field")
                    .isEqualTo(field);
            assertThat(productRows()).isZero();
        }

        private void rejected(ResponseSpec response, String detail) {
            response.expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(String.class, actual -> assertThat(actual).startsWith(detail));
            assertThat(productRows()).isZero();
        }
    }

    @Nested
    class Reading {

        @Test
        void getReturnsTheProductAsCreated() {
            ProductResponse created = create("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png", "likes": 2}""");

            rest.get()
                    .uri("/api/products/{id}", created.id())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(ProductResponse.class)
                    .isEqualTo(created);
        }

        @Test
        void unknownIdIsNotFound() {
            rest.get()
                    .uri("/api/products/{id}", UUID.randomUUID())
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @ParameterizedTest
        @ValueSource(strings = {"12345", "not-a-uuid", "1-1-1-1-1"})
        void malformedIdIsBadRequest(String id) {
            rest.get()
                    .uri("/api/products/" + id)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("id");
        }

        @Test
        void listsPageByPageInCreationOrder() {
            ProductResponse first = create("{\"title\": \"first\"}");
            ProductResponse second = create("{\"title\": \"second\"}");
            ProductResponse third = create("{\"title\": \"third\"}");

            rest.get()
                    .uri("/api/products?page=0&size=2")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.content[*].id")
                    .isEqualTo(List.of(first.id().toString(), second.id().toString()))
                    .jsonPath("$.content[0].title")
                    .isEqualTo("first")
                    .jsonPath("$.page.totalElements")
                    .isEqualTo(3)
                    .jsonPath("$.page.totalPages")
                    .isEqualTo(2);
            rest.get()
                    .uri("/api/products?page=1&size=2")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.content[*].id")
                    .isEqualTo(List.of(third.id().toString()));
        }

        @Test
        void followingTheNextCursorVisitsEveryProductOnceInCreationOrder() {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(create("{\"title\": \"p" + i + "\"}").id().toString());
            }
            List<String> seen = new ArrayList<>();
            String uri = "/api/products?size=2";
            while (uri != null) {
                JsonNode page = rest.get()
                        .uri(uri)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .returnResult(JsonNode.class)
                        .getResponseBody();
                page.get("content")
                        .forEach(product -> seen.add(product.get("id").asString()));
                JsonNode next = page.get("page").get("next");
                uri = next == null ? null : "/api/products?size=2&cursor=" + next.asString();
            }

            assertThat(seen).containsSubsequence(created).doesNotHaveDuplicates();
        }

        @Test
        void aPageBeyondTheOffsetCapIsABadRequestThatPointsToTheCursor() {
            rest.get()
                    .uri("/api/products?page=101&size=100")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("page")
                    .jsonPath("$.errors[0].message")
                    .value(message -> assertThat((String) message).contains("cursor"));
        }

        @Test
        void aCursorThatWasNotGivenOutIsABadRequest() {
            rest.get()
                    .uri("/api/products?cursor=bm90LWEtY3Vyc29y")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("cursor");
        }

        @Test
        void pageSizeIsCappedAtOneHundred() {
            rest.get()
                    .uri("/api/products?size=1000")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.page.size")
                    .isEqualTo(100);
        }

        @Test
        void wrongMethodIsNotAllowed() {
            ProductResponse product = create("{\"title\": \"Lamp\"}");

            editor().post()
                    .uri("/api/products/{id}", product.id())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(405)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            editor().delete().uri("/api/products").exchange().expectStatus().isEqualTo(405);
        }
    }

    @Nested
    class Replacing {

        @Test
        void putReplacesTitleAndImageAndKeepsTheLikeCount() {
            ProductResponse product = create("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png", "likes": 7}""");

            ProductResponse replaced = put(product.id(), """
                    {"title": "Desk lamp", "image": "https://example.com/desk.png"}""")
                    .expectStatus()
                    .isOk()
                    .expectBody(ProductResponse.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(replaced)
                    .extracting(ProductResponse::title, ProductResponse::image, ProductResponse::likes)
                    .containsExactly("Desk lamp", "https://example.com/desk.png", 7L);
            assertThat(replaced.createdAt()).isEqualTo(product.createdAt());
            assertThat(replaced.updatedAt()).isAfter(product.updatedAt());
            rest.get()
                    .uri("/api/products/{id}", product.id())
                    .exchange()
                    .expectBody(ProductResponse.class)
                    .isEqualTo(replaced);
        }

        @Test
        void putResetsTheImageItDoesNotSendButNotTheLikeCount() {
            ProductResponse product = create("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png", "likes": 7}""");

            put(product.id(), """
                    {"title": "Lamp"}""")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.image")
                    .isEqualTo("")
                    .jsonPath("$.likes")
                    .isEqualTo(7);
        }

        @Test
        void putWithoutTitleIsRejectedAndChangesNothing() {
            ProductResponse product = create("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png"}""");

            put(product.id(), """
                    {"image": "https://example.com/other.png"}""")
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("title");

            assertUnchanged(product);
        }

        @ParameterizedTest
        @ValueSource(strings = {"-4", "0", "4", "9", "null"})
        void putThatSetsLikesIsRejectedNamingTheFieldAndChangesNothing(String likes) {
            ProductResponse product = create("{\"title\": \"Lamp\", \"likes\": 4}");

            put(product.id(), "{\"title\": \"Desk lamp\", \"likes\": %s}".formatted(likes))
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(String.class, detail -> assertThat(detail).contains("likes"))
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("likes");

            assertUnchanged(product);
        }

        @Test
        void putOnUnknownIdIsNotFound() {
            put(UUID.randomUUID(), "{\"title\": \"Lamp\"}").expectStatus().isNotFound();
        }

        @Test
        void putOnMalformedIdIsBadRequest() {
            editor().put()
                    .uri("/api/products/nope")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"title\": \"Lamp\"}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }

        private ResponseSpec put(UUID id, String body) {
            return editor().put()
                    .uri("/api/products/{id}", id)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange();
        }
    }

    @Nested
    class Patching {

        @Test
        void patchChangesOnlyTheFieldsSent() {
            ProductResponse product = create("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png", "likes": 7}""");

            ProductResponse patched = patch(product.id(), """
                    {"title": "Desk lamp"}""")
                    .expectStatus()
                    .isOk()
                    .expectBody(ProductResponse.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(patched)
                    .extracting(ProductResponse::title, ProductResponse::image, ProductResponse::likes)
                    .containsExactly("Desk lamp", "https://example.com/lamp.png", 7L);
            assertThat(patched.updatedAt()).isAfter(product.updatedAt());
            rest.get()
                    .uri("/api/products/{id}", product.id())
                    .exchange()
                    .expectBody(ProductResponse.class)
                    .isEqualTo(patched);
        }

        @Test
        void patchCanRemoveTheImage() {
            ProductResponse product = create("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png", "likes": 7}""");

            patch(product.id(), """
                    {"image": ""}""")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Lamp")
                    .jsonPath("$.image")
                    .isEqualTo("")
                    .jsonPath("$.likes")
                    .isEqualTo(7);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"likes\": 0}", "{\"likes\": 8}", "{\"title\": \"Desk lamp\", \"likes\": 1000}"})
        void patchThatSetsLikesIsRejectedNamingTheFieldAndChangesNothing(String body) {
            ProductResponse product = create("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png", "likes": 7}""");

            patch(product.id(), body)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(String.class, detail -> assertThat(detail).contains("likes"))
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("likes");

            assertUnchanged(product);
        }

        @Test
        void emptyPatchChangesNothing() {
            ProductResponse product = create("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png", "likes": 7}""");

            patch(product.id(), "{}")
                    .expectStatus()
                    .isOk()
                    .expectBody(ProductResponse.class)
                    .isEqualTo(product);
        }

        @ParameterizedTest
        @ValueSource(strings = {"title", "image", "likes"})
        void fieldSentAsNullIsRejectedAndChangesNothing(String field) {
            ProductResponse product = create("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png", "likes": 7}""");

            patch(product.id(), "{\"%s\": null}".formatted(field))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo(field);

            assertUnchanged(product);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"title\": \"\"}",
                    "{\"title\": \" \"}",
                    "{\"likes\": -1}",
                    "{\"colour\": \"red\"}",
                    "{\"likes\": 9223372036854775808}"
                })
        void invalidPatchIsRejectedAndChangesNothing(String body) {
            ProductResponse product = create("""
                    {"title": "Lamp", "image": "https://example.com/lamp.png", "likes": 7}""");

            patch(product.id(), body).expectStatus().isBadRequest();

            assertUnchanged(product);
        }

        @Test
        void titleOfTwoHundredAndOneCharactersIsRejected() {
            ProductResponse product = create("{\"title\": \"Lamp\"}");

            patch(product.id(), "{\"title\": \"%s\"}".formatted(TITLE_200 + "t"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("title");

            assertUnchanged(product);
        }

        @Test
        void patchOnUnknownIdIsNotFound() {
            patch(UUID.randomUUID(), "{\"title\": \"Lamp\"}").expectStatus().isNotFound();
        }

        private ResponseSpec patch(UUID id, String body) {
            return editor().patch()
                    .uri("/api/products/{id}", id)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange();
        }
    }

    @Nested
    class Deleting {

        @Test
        void deleteRemovesTheProductAndItsLikes() {
            ProductResponse product = create("{\"title\": \"Lamp\"}");
            UUID user = UUID.randomUUID();
            jdbc.sql("insert into app_user (id, created_at) values (?, now())")
                    .param(user)
                    .update();
            jdbc.sql("insert into product_like (product_id, user_id, created_at) values (?, ?, now())")
                    .params(product.id(), user)
                    .update();

            editor().delete()
                    .uri("/api/products/{id}", product.id())
                    .exchange()
                    .expectStatus()
                    .isNoContent()
                    .expectBody()
                    .isEmpty();

            rest.get()
                    .uri("/api/products/{id}", product.id())
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            assertThat(jdbc.sql("select count(*) from product_like")
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void deletingAnUnknownProductIsNotFound() {
            editor().delete()
                    .uri("/api/products/{id}", UUID.randomUUID())
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void deletingTwiceIsNotFoundTheSecondTime() {
            ProductResponse product = create("{\"title\": \"Lamp\"}");

            editor().delete()
                    .uri("/api/products/{id}", product.id())
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            editor().delete()
                    .uri("/api/products/{id}", product.id())
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void deletingAMalformedIdIsBadRequest() {
            editor().delete()
                    .uri("/api/products/1-1-1")
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }
    }

    /** Changing products is the editor's; anyone reads them. */
    @Nested
    class Permissions {

        @Test
        void withoutATokenNoWriteSucceedsAndNothingChanges() {
            ProductResponse product = create("{\"title\": \"Lamp\", \"likes\": 3}");

            for (var write : List.<ResponseSpec>of(
                    send(rest.post().uri("/api/products"), "{\"title\": \"Intruder\"}"),
                    send(rest.put().uri("/api/products/{id}", product.id()), "{\"title\": \"Intruder\"}"),
                    send(rest.patch().uri("/api/products/{id}", product.id()), "{\"title\": \"Intruder\"}"),
                    rest.delete().uri("/api/products/{id}", product.id()).exchange())) {
                write.expectStatus()
                        .isUnauthorized()
                        .expectHeader()
                        .valueMatches("WWW-Authenticate", "Bearer.*")
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            }

            assertUnchanged(product);
            assertThat(productRows()).isEqualTo(1);
        }

        @Test
        void anEndUsersTokenCannotChangeProductsAndIsToldTheScopeItLacks() {
            ProductResponse product = create("{\"title\": \"Lamp\", \"likes\": 3}");
            var alice = user("alice");

            for (var write : List.<ResponseSpec>of(
                    send(alice.post().uri("/api/products"), "{\"title\": \"Mine\", \"likes\": 1000}"),
                    send(alice.put().uri("/api/products/{id}", product.id()), "{\"title\": \"Mine\"}"),
                    send(alice.patch().uri("/api/products/{id}", product.id()), "{\"title\": \"Mine\"}"),
                    alice.delete().uri("/api/products/{id}", product.id()).exchange())) {
                write.expectStatus()
                        .isForbidden()
                        .expectBody()
                        .jsonPath("$.detail")
                        .value(String.class, detail -> assertThat(detail).contains("the scope products:write"));
            }

            assertUnchanged(product);
            assertThat(productRows()).isEqualTo(1);
        }

        @Test
        void anyoneReadsProducts() {
            ProductResponse product = create("{\"title\": \"Lamp\"}");

            rest.get()
                    .uri("/api/products/{id}", product.id())
                    .exchange()
                    .expectStatus()
                    .isOk();
            rest.get().uri("/api/products").exchange().expectStatus().isOk();
        }

        private static ResponseSpec send(RestTestClient.RequestBodySpec request, String body) {
            return request.contentType(MediaType.APPLICATION_JSON).body(body).exchange();
        }
    }

    private ProductResponse create(String body) {
        return editor().post()
                .uri("/api/products")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(ProductResponse.class)
                .returnResult()
                .getResponseBody();
    }

    private void assertUnchanged(ProductResponse product) {
        rest.get()
                .uri("/api/products/{id}", product.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ProductResponse.class)
                .isEqualTo(product);
    }

    private long productRows() {
        return jdbc.sql("select count(*) from product").query(Long.class).single();
    }
}
