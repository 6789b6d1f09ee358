package com.example.likes.e2e;

import com.example.likes.localstack.DevTokens;
import java.net.URI;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A development end user of the tests: the development authorization server's client {@code dev-user-<name>}, whose
 * token's subject is that client id, registered with the dashboard ({@code POST /api/users}) as a person would.
 *
 * @param name what follows {@code dev-user-}; unique, so that every test has users of its own
 * @param id the user's id at the dashboard (and in every like)
 * @param token the user's access token, renewed before it expires
 */
record DevUser(String name, String id, Supplier<String> token) {

    /** A new user, registered. */
    static DevUser registered(SystemUnderTest system) {
        return registered(system.tokens(), system.dashboardHttp());
    }

    /** A new user of the development authorization server behind {@code tokens}, registered at {@code dashboard}. */
    static DevUser registered(DevTokens tokens, URI dashboard) {
        DevUser user = unregistered(tokens);
        Http.Response registered = user.on(dashboard).post("/api/users", "{}");
        if (registered.status() != 201) {
            throw new IllegalStateException("registering " + user.name() + ": " + registered);
        }
        return new DevUser(user.name(), registered.json().get("id").asString(), user.token());
    }

    /** A new user with a valid token who has not registered with the dashboard (so its id is not known yet). */
    static DevUser unregistered(SystemUnderTest system) {
        return unregistered(system.tokens());
    }

    private static DevUser unregistered(DevTokens tokens) {
        String name = UUID.randomUUID().toString();
        return new DevUser(name, null, () -> tokens.user(name));
    }

    /** A client of the service at {@code base} that calls as this user. */
    Http on(URI base) {
        return new Http(base).withToken(token);
    }
}
