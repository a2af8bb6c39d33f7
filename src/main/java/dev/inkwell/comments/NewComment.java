package dev.inkwell.comments;

/** A comment as typed: the body may be missing (null) or too long, which the service checks. */
public record NewComment(String body) {
}
