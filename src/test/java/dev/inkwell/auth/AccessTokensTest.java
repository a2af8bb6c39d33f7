package dev.inkwell.auth;

import java.time.Duration;
import java.util.OptionalLong;

import dev.inkwell.testing.MovableClock;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A remembered token answers as checking it anew would: the same user until it expires, then never. */
@Tag("unit")
class AccessTokensTest {

    private static final String SECRET = "test-secret-test-secret-0123456789abcdef";

    private final MovableClock clock = MovableClock.startingNow();
    private final AccessTokens tokens = new AccessTokens(SECRET, Duration.ofMinutes(15), clock);

    @Test
    void aRememberedTokenExpiresOnTime() {
        String token = tokens.issue(42);
        assertEquals(OptionalLong.of(42), tokens.verify(token));
        clock.advance(Duration.ofMinutes(14));
        assertEquals(OptionalLong.of(42), tokens.verify(token));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(OptionalLong.empty(), tokens.verify(token));
        assertEquals(OptionalLong.empty(), tokens.verify(token), "still expired once forgotten");
    }

    @Test
    void aTokenAlteredAfterItVerifiedIsRefused() {
        String token = tokens.issue(7);
        assertEquals(OptionalLong.of(7), tokens.verify(token));
        char last = token.charAt(token.length() - 2);
        String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertEquals(OptionalLong.empty(), tokens.verify(altered));
        assertEquals(OptionalLong.empty(), new AccessTokens("another-secret-another-secret-0123456789", Duration.ofMinutes(15), clock)
                .verify(token), "a server with another secret refuses it");
    }

    @Test
    void moreTokensThanItRemembersStillVerify() {
        for (long user = 1; user <= 5000; user++) {
            assertEquals(OptionalLong.of(user), tokens.verify(tokens.issue(user)));
        }
        String first = tokens.issue(1);
        assertEquals(OptionalLong.of(1), tokens.verify(first));
    }
}
