package dev.inkwell.web;

import java.util.Optional;

/**
 * Who is looking at a page: their session if they have one, and whether sessions could be
 * reached at all (without Redis, pages still render for anonymous visitors).
 */
public record Visitor(Optional<Session> session, boolean sessionsAvailable) {

    public static Visitor anonymous(boolean sessionsAvailable) {
        return new Visitor(Optional.empty(), sessionsAvailable);
    }

    /** The signed-in user's id, or 0. */
    public long userId() {
        return session.map(Session::userId).orElse(0L);
    }

    public boolean signedIn() {
        return userId() > 0;
    }
}
