package com.example.likes.platform.management;

import com.example.likes.platform.grpc.auth.ApiKeys;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Checks an operator's key, from HTTP Basic ({@value #USER} and the key) or a bearer header. The keys are held as
 * {@link ApiKeys}: SHA-256 digests compared in constant time against every key, never logged. Spring Security's
 * password encoders would compare a plain key with {@code String.equals}, which is why this provider exists.
 */
final class OperatorAuthenticationProvider implements AuthenticationProvider {

    static final String USER = "operator";
    static final String ROLE = "OPERATOR";

    private final ApiKeys keys;

    OperatorAuthenticationProvider(List<String> operatorKeys) {
        this.keys = ApiKeys.parse(
                operatorKeys.stream().map(key -> USER + ":" + key.strip()).toList());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presented = authentication.getCredentials() instanceof String key ? key : null;
        boolean known = keys.callerOf(presented).isPresent();
        if (!known || !USER.equals(authentication.getName())) {
            throw new BadCredentialsException("not an operator's credential");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                USER, null, AuthorityUtils.createAuthorityList("ROLE_" + ROLE));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
