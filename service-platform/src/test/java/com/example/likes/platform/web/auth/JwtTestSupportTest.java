package com.example.likes.platform.web.auth;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.example.likes.platform.testapp.PlatformTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A service's slice tests can stand a token in with Spring Security's {@code jwt()}: the REST port's chain takes it as
 * it takes a real one, its authorities as the token's scopes.
 */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        properties = {"spring.grpc.server.port=0", "platform.grpc.auth.keys=tester:tester-key-0123456789"})
@AutoConfigureMockMvc
class JwtTestSupportTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aJwtWithTheScopeIsLetThrough() throws Exception {
        mvc.perform(delete("/api/test/guarded").with(jwt().authorities(new SimpleGrantedAuthority("SCOPE_test:write"))))
                .andExpect(status().isOk());
    }

    @Test
    void aJwtWithoutTheScopeIs403Problem() throws Exception {
        mvc.perform(delete("/api/test/guarded").with(jwt()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail")
                        .value("Your token does not allow this request: it needs the scope test:write"));
    }

    @Test
    void noJwtIs401Problem() throws Exception {
        mvc.perform(delete("/api/test/guarded"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void theCallerIsTheNameBasedIdOfTheJwtsIssuerAndSubject() throws Exception {
        mvc.perform(get("/api/test/me")
                        .with(jwt().jwt(token ->
                                token.issuer("https://login.example.com/").subject("alice"))))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(EndUser.idOf("https://login.example.com/", "alice")
                                .toString()));
    }
}
