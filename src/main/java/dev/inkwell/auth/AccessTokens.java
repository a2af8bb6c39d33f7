package dev.inkwell.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.helidon.security.jwt.jwk.JwkOctet;

import jakarta.json.Json;

/**
 * Short-lived HS256 access tokens whose subject is the user's id. A signed-in reader sends the same
 * token with every request, and checking it anew (parsing, the HMAC) took a tenth of a signed-in
 * list's CPU, so tokens that verified are remembered with their user and expiry: a token's verdict
 * can only change by expiring, which every hit checks. Only valid tokens are kept, at most
 * {@value #VERIFIED_CAPACITY} (then the memory starts again).
 */
public final class AccessTokens {

    private static final String ISSUER = "inkwell";
    private static final int VERIFIED_CAPACITY = 4096;

    private final JwkOctet key;
    private final JwkKeys keys;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(long userId, Instant expires) {
    }

    public AccessTokens(String secret, Duration ttl, Clock clock) {
        this.key = JwkOctet.create(Json.createObjectBuilder(Map.of(
                        "kty", "oct",
                        "kid", "inkwell",
                        "alg", JwkOctet.ALG_HS256,
                        "use", Jwk.USE_SIGNATURE,
                        "k", Base64.getUrlEncoder().withoutPadding()
                                .encodeToString(secret.getBytes(StandardCharsets.UTF_8))))
                .build());
        this.keys = JwkKeys.builder().addKey(key).build();
        this.ttl = ttl;
        this.clock = clock;
    }

    public String issue(long userId) {
        Instant now = clock.instant();
        Jwt jwt = Jwt.builder()
                .issuer(ISSUER)
                .subject(Long.toString(userId))
                .issueTime(now)
                .expirationTime(now.plus(ttl))
                .algorithm(JwkOctet.ALG_HS256)
                .keyId("inkwell")
                .build();
        return SignedJwt.sign(jwt, key).tokenContent();
    }

    /** The user id in a valid, unexpired token that this server signed. */
    public OptionalLong verify(String token) {
        Verified known = verified.get(token);
        if (known != null) {
            if (known.expires().isAfter(clock.instant())) {
                return OptionalLong.of(known.userId());
            }
            verified.remove(token);
            return OptionalLong.empty();
        }
        try {
            SignedJwt signed = SignedJwt.parseToken(token);
            Jwt jwt = signed.getJwt();
            if (!jwt.algorithm().map(JwkOctet.ALG_HS256::equals).orElse(false)
                    || !signed.verifySignature(keys).isValid()
                    || !ISSUER.equals(jwt.issuer().orElse(null))) {
                return OptionalLong.empty();
            }
            Optional<Instant> expires = jwt.expirationTime();
            if (expires.isEmpty() || !expires.get().isAfter(clock.instant())) {
                return OptionalLong.empty();
            }
            long userId = Long.parseLong(jwt.subject().orElseThrow());
            if (verified.size() >= VERIFIED_CAPACITY) {
                verified.clear();
            }
            verified.put(token, new Verified(userId, expires.get()));
            return OptionalLong.of(userId);
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
