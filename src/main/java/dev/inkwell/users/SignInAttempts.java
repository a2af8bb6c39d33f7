package dev.inkwell.users;

import java.util.Locale;

import dev.inkwell.platform.ApiException;
import dev.inkwell.platform.JsonInput;
import dev.inkwell.platform.RateLimiter;

/**
 * Sign-ins under the rate limits, for the API and the pages alike: every attempt counts against
 * its client address; only failures count against the account, with a higher limit, so that a
 * stranger guessing an account's password does not lock its owner out.
 */
public final class SignInAttempts {

    private final UserService users;
    private final RateLimiter rateLimiter;

    public SignInAttempts(UserService users, RateLimiter rateLimiter) {
        this.users = users;
        this.rateLimiter = rateLimiter;
    }

    /** The user with these credentials, from this client address; 401 when wrong, 429 when over a limit. */
    public User login(JsonInput input, String address) {
        String email = input.string("email");
        String account = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        rateLimiter.checkSignIn("login", "ip:" + address);
        rateLimiter.checkSignInFailures(account);
        try {
            return users.login(input);
        } catch (ApiException e) {
            if (e.status().code() == 401) {
                rateLimiter.signInFailed(account);
            }
            throw e;
        }
    }
}
