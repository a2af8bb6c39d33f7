package dev.inkwell.web;

/** The signed-in user as every page's layout shows them; the users feature looks them up. */
public record CurrentUser(String username, String image) {
}
