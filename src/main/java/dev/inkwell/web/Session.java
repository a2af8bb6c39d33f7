package dev.inkwell.web;

/**
 * A browser's server-side session: who is signed in (0 for nobody), the form token that proves a
 * form came from one of our pages, and a message to show on the next page.
 */
public record Session(String id, long userId, String csrfToken, long createdAtEpochSecond, String flash) {

    public boolean signedIn() {
        return userId > 0;
    }
}
