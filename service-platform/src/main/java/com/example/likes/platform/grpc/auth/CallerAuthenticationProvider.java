package com.example.likes.platform.grpc.auth;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Spring Security's check of a gRPC caller, by both of its credentials: the API key names the caller ({@link ApiKeys}
 * compares it in constant time), and the client certificate, when the connection has one, must name the same caller
 * as its subject's common name or one of its DNS names. So a key is worth nothing with another caller's certificate,
 * and a certificate nothing without its caller's key. With {@code certificateRequired} (mutual TLS on), a call
 * without a client certificate is refused too, whatever the TLS settings let through.
 */
final class CallerAuthenticationProvider implements AuthenticationProvider {

    private static final int DNS_NAME = 2;

    private final ApiKeys keys;
    private final MethodGrants grants;
    private final boolean certificateRequired;

    CallerAuthenticationProvider(ApiKeys keys, MethodGrants grants, boolean certificateRequired) {
        this.keys = keys;
        this.grants = grants;
        this.certificateRequired = certificateRequired;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        CallerAuthentication presented = (CallerAuthentication) authentication;
        String key = presented.key();
        if (key == null || key.isEmpty()) {
            throw new BadCredentialsException("an API key is required in the x-api-key metadata header");
        }
        String caller = keys.callerOf(key)
                .orElseThrow(() -> new BadCredentialsException("the API key in x-api-key is not valid"));
        X509Certificate certificate = presented.certificate();
        if (certificate == null && certificateRequired) {
            throw new BadCredentialsException("a client certificate is required");
        }
        if (certificate != null && !namesOf(certificate).contains(caller)) {
            throw new BadCredentialsException(
                    "the API key in x-api-key and the client certificate belong to different callers");
        }
        return CallerAuthentication.authenticated(caller, certificate, grants.authoritiesOf(caller));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return CallerAuthentication.class.isAssignableFrom(authentication);
    }

    /** The names a certificate proves: its subject's common names and its DNS subject alternative names. */
    static Set<String> namesOf(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (Rdn rdn :
                    new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException unreadable) {
            // A subject that does not parse names nobody; its DNS names may still.
        }
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    if (alternative.get(0) instanceof Integer type && type == DNS_NAME) {
                        names.add(alternative.get(1).toString());
                    }
                }
            }
        } catch (CertificateParsingException unreadable) {
            // As above: only what could be read counts.
        }
        return names;
    }
}
