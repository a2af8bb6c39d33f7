package dev.inkwell.users;

/**
 * Changes to an account: a null field keeps its current value, an empty bio or image clears it. A
 * new password or e-mail address needs the current password.
 */
public record UserChanges(String username, String email, String bio, String image, String password,
                          String currentPassword) {
}
