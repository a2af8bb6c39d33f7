package dev.inkwell.auth;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Argon2id hashes in the PHC format, checked against the reference implementation's output. */
@Tag("unit")
class PasswordHasherTest {

    private static final String PASSWORD = "correct horse battery staple";
    // From the reference implementation (the argon2 command): salt "inkwell-salt-16b", t=2, p=1, 32 bytes.
    private static final String TODAYS_PARAMETERS =
            "$argon2id$v=19$m=19456,t=2,p=1$aW5rd2VsbC1zYWx0LTE2Yg$g9XaI6Kzbio9KED8Uv78j3gmKpYdmnYV8o0u87JTPv4";
    private static final String OTHER_PARAMETERS =
            "$argon2id$v=19$m=16384,t=2,p=1$aW5rd2VsbC1zYWx0LTE2Yg$D/BcMiQE09mQiCi1GMe5hWAXIhtefJEYQs7LcFZgQMc";

    private final PasswordHasher hasher = new PasswordHasher(2, Duration.ofSeconds(5));

    @Test
    void hashesOfTheReferenceImplementationVerify() {
        assertTrue(hasher.verify(PASSWORD, TODAYS_PARAMETERS));
        assertTrue(hasher.verify(PASSWORD, OTHER_PARAMETERS), "the parameters travel with each hash");
        assertFalse(hasher.verify(PASSWORD + " ", TODAYS_PARAMETERS));
        assertFalse(hasher.verify("Correct horse battery staple", OTHER_PARAMETERS));
    }

    @Test
    void newHashesCarryTodaysParametersAndARandomSalt() {
        String first = hasher.hash(PASSWORD);
        String second = hasher.hash(PASSWORD);
        assertTrue(first.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), first);
        assertNotEquals(first, second);
        assertTrue(hasher.verify(PASSWORD, first));
        assertTrue(hasher.verify(PASSWORD, second));
        assertFalse(hasher.verify("another password", first));
    }

    @Test
    void theDecoyNeverVerifies() {
        assertFalse(hasher.verifyDecoy(PASSWORD));
        assertFalse(hasher.verifyDecoy(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "plain text",
            "$argon2i$v=19$m=19456,t=2,p=1$aW5rd2VsbC1zYWx0LTE2Yg$g9XaI6Kzbio9KED8Uv78j3gmKpYdmnYV8o0u87JTPv4",
            "$argon2id$v=16$m=19456,t=2,p=1$aW5rd2VsbC1zYWx0LTE2Yg$g9XaI6Kzbio9KED8Uv78j3gmKpYdmnYV8o0u87JTPv4",
            "$argon2id$v=19$m=many,t=2,p=1$aW5rd2VsbC1zYWx0LTE2Yg$g9XaI6Kzbio9KED8Uv78j3gmKpYdmnYV8o0u87JTPv4",
            "$argon2id$v=19$m,t=2,p=1$aW5rd2VsbC1zYWx0LTE2Yg$g9XaI6Kzbio9KED8Uv78j3gmKpYdmnYV8o0u87JTPv4",
            "$argon2id$v=19$m=19456,t=2,p=1,x=3$aW5rd2VsbC1zYWx0LTE2Yg$g9XaI6Kzbio9KED8Uv78j3gmKpYdmnYV8o0u87JTPv4",
            "$argon2id$v=19$m=19456,t=2,p=1$not base64!$g9XaI6Kzbio9KED8Uv78j3gmKpYdmnYV8o0u87JTPv4",
            "$argon2id$v=19$m=1073741824,t=2,p=1$aW5rd2VsbC1zYWx0LTE2Yg$g9XaI6Kzbio9KED8Uv78j3gmKpYdmnYV8o0u87JTPv4",
            "$argon2id$v=19$m=19456,t=100000,p=1$aW5rd2VsbC1zYWx0LTE2Yg$g9XaI6Kzbio9KED8Uv78j3gmKpYdmnYV8o0u87JTPv4",
            "$argon2id$v=19$m=19456,t=2,p=0$aW5rd2VsbC1zYWx0LTE2Yg$g9XaI6Kzbio9KED8Uv78j3gmKpYdmnYV8o0u87JTPv4",
            "$argon2id$v=19$m=19456,t=2,p=1$aW5rd2VsbC1zYWx0LTE2Yg$AAAA",
    })
    void aStoredValueThatIsNoUsableHashVerifiesNothing(String stored) {
        assertFalse(hasher.verify(PASSWORD, stored));
    }
}
