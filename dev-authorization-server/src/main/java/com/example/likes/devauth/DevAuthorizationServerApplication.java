package com.example.likes.devauth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The development authorization server: Spring Authorization Server, configured by Spring Boot, with the development
 * clients of {@link DevClients}. It speaks standard OAuth2 and OpenID Connect (discovery at
 * {@code <issuer>/.well-known/openid-configuration}, the token endpoint {@code /oauth2/token}, the keys at
 * {@code /oauth2/jwks}), so the services trust it as they would any other issuer. It runs in the {@code dev} profile
 * only ({@link DevelopmentOnly}).
 */
@SpringBootApplication
@EnableConfigurationProperties(DevClientsProperties.class)
public class DevAuthorizationServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DevAuthorizationServerApplication.class, args);
    }
}
