package dev.inkwell.users;

/** An account. The password hash never leaves the users package. */
public record User(long id, String username, String email, String passwordHash, String bio, String image) {
}
