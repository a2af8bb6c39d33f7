package dev.inkwell.users;

import java.util.Locale;

import dev.inkwell.platform.ApiException;
import dev.inkwell.platform.JsonInput;
import dev.inkwell.platform.RateLimiter;

/**
 * Sign-ins under the rate limits, for the API and the pages alike: attempts per client address,
 * and failures per account (from this address, and from all together), counted only when they fail.
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
        rateLimiter.checkSignInFailures(account, address);
        try {
            return users.login(input);
        } catch (ApiException e) {
            if (e.status().code() == 401) {
                rateLimiter.signInFailed(account, address);
            }
            throw e;
        }
    }
}
