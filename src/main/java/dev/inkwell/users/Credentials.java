package dev.inkwell.users;

/** A sign-in attempt as typed; either field may be missing (null). */
public record Credentials(String email, String password) {
}
