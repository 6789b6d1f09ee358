package com.example.likes.platform.grpc.auth;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The API keys a server accepts and the callers they name.
 *
 * <p>A presented key is compared with every accepted key, always all of them, by their SHA-256 digests and
 * {@link MessageDigest#isEqual}: how long a check takes tells an attacker neither how much of a key was right nor
 * which key matched, and a digest has the same length whatever was sent. The keys themselves are kept only as
 * digests and never appear in a log line, an exception message or {@link #toString()}.
 */
public final class ApiKeys {

    /** The metadata header that carries the key. */
    public static final Metadata.Key<String> HEADER = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    /** Shorter keys are refused at startup: a key is a secret, not a password someone types. */
    static final int MIN_KEY_LENGTH = 16;

    private final List<AcceptedKey> accepted;

    private ApiKeys(List<AcceptedKey> accepted) {
        this.accepted = List.copyOf(accepted);
    }

    /**
     * Parses {@code caller:key} entries.
     *
     * @throws IllegalArgumentException naming the entry's position (never its key) when one is malformed
     */
    public static ApiKeys parse(List<String> entries) {
        List<AcceptedKey> accepted = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            int colon = entry.indexOf(':');
            String caller = colon < 0 ? "" : entry.substring(0, colon).strip();
            String key = colon < 0 ? "" : entry.substring(colon + 1).strip();
            if (caller.isEmpty() || key.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException(
                        "API key entry #%d must be caller:key with a key of at least %d characters"
                                .formatted(i + 1, MIN_KEY_LENGTH));
            }
            accepted.add(new AcceptedKey(caller, digest(key)));
        }
        return new ApiKeys(accepted);
    }

    /** The caller that holds {@code presented}, or empty when the key is missing or no one holds it. */
    public Optional<String> callerOf(@Nullable String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = digest(presented);
        String caller = null;
        for (AcceptedKey key : accepted) {
            if (MessageDigest.isEqual(key.digest(), digest) && caller == null) {
                caller = key.caller();
            }
        }
        return Optional.ofNullable(caller);
    }

    /** A client interceptor that sends {@code key} in {@code x-api-key} on every call. */
    public static ClientInterceptor clientInterceptor(String key) {
        Metadata headers = new Metadata();
        headers.put(HEADER, key);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    /** Every caller that holds at least one key. */
    public List<String> callers() {
        return accepted.stream().map(AcceptedKey::caller).distinct().toList();
    }

    @Override
    public String toString() {
        return "ApiKeys" + callers();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private record AcceptedKey(String caller, byte[] digest) {}
}
