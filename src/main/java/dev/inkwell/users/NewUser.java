package dev.inkwell.users;

/** A registration as typed: any field may be missing (null) or break the rules, which the service checks. */
public record NewUser(String username, String email, String password) {
}
