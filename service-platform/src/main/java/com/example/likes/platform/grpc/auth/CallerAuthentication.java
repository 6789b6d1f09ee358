package com.example.likes.platform.grpc.auth;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A gRPC call's credentials as Spring Security sees them: before authentication, the API key the call presents and
 * the client certificate of its connection (none in plaintext); after it, the caller they name, with the methods it
 * is granted as its authorities. The key never appears in {@link #toString()}.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final String caller;
    private final @Nullable X509Certificate certificate;
    private @Nullable String key;

    private CallerAuthentication(
            String caller,
            @Nullable String key,
            @Nullable X509Certificate certificate,
            Collection<? extends GrantedAuthority> authorities,
            boolean authenticated) {
        super(authorities);
        this.caller = caller;
        this.key = key;
        this.certificate = certificate;
        super.setAuthenticated(authenticated);
    }

    /** What a call presents, not yet checked. */
    static CallerAuthentication presented(@Nullable String key, @Nullable X509Certificate certificate) {
        return new CallerAuthentication("", key, certificate, List.of(), false);
    }

    /** A caller whose credentials were checked, with the methods it may call. */
    static CallerAuthentication authenticated(
            String caller, @Nullable X509Certificate certificate, Collection<? extends GrantedAuthority> granted) {
        return new CallerAuthentication(caller, null, certificate, granted, true);
    }

    @Nullable
    String key() {
        return key;
    }

    @Nullable
    X509Certificate certificate() {
        return certificate;
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public @Nullable Object getCredentials() {
        return key;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("only CallerAuthenticationProvider makes an authenticated caller");
        }
        super.setAuthenticated(false);
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        key = null;
    }
}
