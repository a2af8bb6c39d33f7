package dev.inkwell.articles;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Titles into URL slugs: lower-case ASCII words joined by single hyphens. */
@Tag("unit")
class SlugsTest {

    private final Slugs slugs = new Slugs();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "How to train your dragon | how-to-train-your-dragon",
            "  Spaces   and\ttabs  | spaces-and-tabs",
            "Crème brûlée, à la française! | creme-brulee-a-la-francaise",
            "C++ & Java: 2 languages | c-java-2-languages",
            "--Leading and trailing-- | leading-and-trailing",
            "Ｆｕｌｌｗｉｄｔｈ | fullwidth",
    })
    void titlesBecomeLowerCaseAsciiWordsJoinedByHyphens(String title, String slug) {
        assertEquals(slug, slugs.fromTitle(title));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"!!!", "日本語のタイトル", "''"})
    void aTitleWithoutAsciiLettersOrDigitsStillGetsASlug(String title) {
        assertEquals("article", slugs.fromTitle(title));
    }

    @Test
    void longTitlesAreCutAtEightyCharactersWithoutATrailingHyphen() {
        String slug = slugs.fromTitle("word ".repeat(40));
        assertTrue(slug.length() <= 80, slug);
        assertFalse(slug.endsWith("-"), slug);
        assertTrue(slug.matches("word(-word)+"), slug);
    }

    @Test
    void aTakenSlugGetsSixRandomLettersOrDigits() {
        String first = slugs.withSuffix("my-title");
        String second = slugs.withSuffix("my-title");
        assertTrue(first.matches("my-title-[a-z0-9]{6}"), first);
        assertNotEquals(first, second);
    }
}
