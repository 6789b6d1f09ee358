package com.example.likes.devauth;

import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The development identities, one OAuth2 client each, which get their tokens with the client credentials grant: the
 * token's subject is the client id. The product editor is {@value #EDITOR}, with the scopes {@value #PRODUCTS_WRITE}
 * and {@value #USERS_READ}. An end user is any client id that starts with {@value #USER_PREFIX}
 * ({@code dev-user-1}, {@code dev-user-2}, {@code dev-user-alice} ...), with no scope and the one published end-user
 * secret, so that a walk-through has two users and a test or a benchmark as many as it needs, each a subject of its
 * own. Nothing here can be registered or changed at run time.
 */
final class DevClients implements RegisteredClientRepository {

    static final String EDITOR = "dev-editor";
    static final String USER_PREFIX = "dev-user-";

    /** May create, replace, patch and delete products. */
    static final String PRODUCTS_WRITE = "products:write";

    /** May list every user and read any of them. */
    static final String USERS_READ = "users:read";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final DevClientsProperties properties;

    DevClients(DevClientsProperties properties) {
        this.properties = properties;
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        if (EDITOR.equals(clientId)) {
            return client(clientId, properties.editorSecret(), Set.of(PRODUCTS_WRITE, USERS_READ));
        }
        if (clientId.startsWith(USER_PREFIX)
                && USER_NAME.matcher(clientId.substring(USER_PREFIX.length())).matches()) {
            return client(clientId, properties.userSecret(), Set.of());
        }
        return null;
    }

    /** A client's id is its client id: the same client whichever way it is looked up. */
    @Override
    public @Nullable RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("the development clients are fixed");
    }

    private RegisteredClient client(String clientId, String secret, Set<String> scopes) {
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                // Published development secrets, as they are (see DevAuthorizationServerConfiguration).
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(granted -> granted.addAll(scopes))
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.tokenTimeToLive())
                        .build())
                .build();
    }
}
