package dev.inkwell.users;

import java.util.Locale;

import dev.inkwell.platform.DomainException;
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

    /** The user with these credentials, from this client address; refused when wrong or over a limit. */
    public User login(Credentials credentials, String address) {
        String email = credentials.email();
        String account = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        rateLimiter.checkSignIn("login", "ip:" + address);
        rateLimiter.checkSignInFailures(account);
        try {
            return users.login(credentials);
        } catch (DomainException.Unauthenticated e) {
            rateLimiter.signInFailed(account);
            throw e;
        }
    }
}
