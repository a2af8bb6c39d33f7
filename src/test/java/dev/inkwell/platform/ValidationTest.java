package dev.inkwell.platform;

import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every problem of a request collected, then reported at once. */
@Tag("unit")
class ValidationTest {

    @Test
    void nothingWrongThrowsNothing() {
        new Validation()
                .text("title", "A title", true, 10)
                .text("description", null, false, 10)
                .text("body", "", false, 10)
                .check();
    }

    @Test
    void everyFieldsProblemIsReportedTogetherAs422() {
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class, () -> new Validation()
                .text("title", null, true, 10)
                .text("description", "   ", true, 10)
                .text("body", "x".repeat(11), false, 10)
                .add("tagList", "must be a list of strings")
                .check());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422, ErrorMapper.status(e));
        assertEquals(Map.of(
                "title", List.of("can't be blank"),
                "description", List.of("can't be blank"),
                "body", List.of("is too long (maximum is 10 characters)"),
                "tagList", List.of("must be a list of strings")), e.errors());
    }

    @Test
    void aFieldAlreadyFoundWrongIsNotCheckedAgain() {
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class, () -> new Validation()
                .add("email", "is invalid")
                .text("email", "", true, 5)
                .check());
        assertEquals(Map.of("email", List.of("is invalid")), e.errors());
    }

    @Test
    void theLimitItselfIsAllowed() {
        new Validation().text("title", "x".repeat(10), true, 10).check();
    }
}
