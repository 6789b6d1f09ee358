package com.example.likes.platform.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys = ApiKeys.parse(List.of(
            "product-service:old-product-key-0001",
            " product-service : new-product-key-0002 ",
            "developer:developer-key-00000003"));

    @Test
    void aKeyNamesItsCaller() {
        assertThat(keys.callerOf("developer-key-00000003")).contains("developer");
    }

    @Test
    void bothKeysOfACallerInRotationNameIt() {
        assertThat(keys.callerOf("old-product-key-0001")).contains("product-service");
        assertThat(keys.callerOf("new-product-key-0002")).contains("product-service");
    }

    @Test
    void aMissingOrUnknownKeyNamesNoOne() {
        assertThat(keys.callerOf((String) null)).isEmpty();
        assertThat(keys.callerOf("")).isEmpty();
        assertThat(keys.callerOf("old-product-key-000")).isEmpty();
        assertThat(keys.callerOf("old-product-key-00011")).isEmpty();
    }

    @Test
    void noKeyShowsInItsTextForm() {
        assertThat(keys.toString())
                .isEqualTo("ApiKeys[product-service, developer]")
                .doesNotContain("key-0");
        assertThat(new GrpcAuthProperties(true, List.of("developer:developer-key-00000003"), Map.of()).toString())
                .doesNotContain("developer-key");
        assertThat(new GrpcClientAuthProperties(Map.of("dashboard", "developer-key-00000003")).toString())
                .doesNotContain("developer-key")
                .contains("dashboard");
    }

    @Test
    void aMalformedEntryIsRefusedWithoutShowingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse(List.of("developer:developer-key-00000003", "no-colon-secret-value")))
                .withMessage("API key entry #2 must be caller:key with a key of at least 16 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(List.of(":developer-key-00000003")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse(List.of("developer:too-short")))
                .withMessageNotContaining("too-short");
    }
}
