package dev.inkwell.users;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.MovableClock;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every sign-in attempt counts against its address; only failures count against the account, at
 * ten times that: a stranger guessing from one address cannot lock the owner out. The app runs on 127.0.0.1, a trusted proxy,
 * so X-Forwarded-For names each client; the clock stands still, so every attempt of a test falls
 * in the same minute.
 */
@ServerTest
class SignInLimitsTest {

    /** RATE_LIMIT_AUTH_PER_MINUTE: attempts per address; failures per account may reach ten times that. */
    private static final int LIMIT = 3;

    private static final MovableClock clock = MovableClock.startingNow();

    @RegisterExtension
    static final ServedApp app = new ServedApp(Map.of("RATE_LIMIT_AUTH_PER_MINUTE", Integer.toString(LIMIT)), clock);

    private final Api api;

    SignInLimitsTest(URI uri) {
        this.api = new Api(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    /** Each test starts in a minute of its own. */
    @BeforeEach
    void nextMinute() {
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void aStrangerHammeringAnAccountDoesNotLockItsOwnerOut() {
        Api.User owner = api.register("owner");
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(Status.UNAUTHORIZED_401.code(), login(owner.email(), "guess-" + i, "203.0.113.9").status());
        }
        for (int i = 0; i < 5; i++) {
            Response refused = login(owner.email(), "guess-more-" + i, "203.0.113.9");
            assertEquals(Status.TOO_MANY_REQUESTS_429.code(), refused.status(), "the stranger's address is stopped");
        }
        Response owners = login(owner.email(), owner.password(), "198.51.100.7");
        assertEquals(Status.OK_200.code(), owners.status(), owners.body());
    }

    @Test
    void manyAddressesTogetherReachTheAccountsCap() {
        Api.User target = api.register("target");
        int cap = LIMIT * 10;
        for (int i = 0; i < cap; i++) {
            assertEquals(Status.UNAUTHORIZED_401.code(), login(target.email(), "spray-" + i, "192.0.2." + (i + 1)).status());
        }
        assertEquals(Status.TOO_MANY_REQUESTS_429.code(), login(target.email(), target.password(), "198.51.100.9").status(),
                     "past the cap the account waits for the next minute, from every address");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Status.OK_200.code(), login(target.email(), target.password(), "198.51.100.9").status());
    }

    private Response login(String email, String password, String address) {
        return api.send("POST", "/api/users/login", """
                {"user":{"email":"%s","password":"%s"}}""".formatted(email, password), Map.of(
                "Content-Type", "application/json", "X-Forwarded-For", address));
    }
}
