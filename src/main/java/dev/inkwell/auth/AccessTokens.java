package dev.inkwell.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.helidon.security.jwt.jwk.JwkOctet;

import jakarta.json.Json;

/** Short-lived HS256 access tokens whose subject is the user's id. */
public final class AccessTokens {

    private static final String ISSUER = "inkwell";

    private final JwkOctet key;
    private final JwkKeys keys;
    private final Duration ttl;
    private final Clock clock;

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
            return OptionalLong.of(Long.parseLong(jwt.subject().orElseThrow()));
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
