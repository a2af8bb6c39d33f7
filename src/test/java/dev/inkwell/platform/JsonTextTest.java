package dev.inkwell.platform;

import java.io.StringReader;
import java.util.List;
import java.util.Random;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Documents written as text read back, by a JSON parser, as what was written. */
@Tag("unit")
class JsonTextTest {

    @Test
    void membersAndElementsAreSeparatedByCommasWhateverTheirNesting() {
        String text = new JsonText().beginObject()
                .name("a").beginArray().beginObject().endObject().beginArray().endArray().value(1).endArray()
                .name("b").beginObject().name("c").value((String) null).name("d").value(true).endObject()
                .name("e").values(List.of("x", "y"))
                .name("f").value(-7)
                .endObject().toString();

        assertEquals("{\"a\":[{},[],1],\"b\":{\"c\":null,\"d\":true},\"e\":[\"x\",\"y\"],\"f\":-7}", text);
    }

    @Test
    void everyCharacterOfAStringSurvivesTheRoundTrip() {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            String value = randomText(random);
            String text = new JsonText().beginObject().name(value).value(value).endObject().toString();

            JsonObject read = Json.createReader(new StringReader(text)).readObject();
            assertEquals(value, read.getString(value), () -> "written as " + text);
        }
    }

    @Test
    void controlCharactersAreEscapedAndNothingElseIs() {
        String text = new JsonText().value("\"\\\n\r\t\b\f\u0000\u001f é → 😀 </script>").toString();

        assertEquals("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0000\\u001f é → 😀 </script>\"", text);
    }

    @Test
    void aDocumentReadsBackEqualToTheSameDocumentBuiltAsATree() {
        String text = new JsonText().beginObject()
                .name("articles").beginArray()
                .beginObject().name("slug").value("s").name("tagList").values(List.of()).endObject()
                .endArray()
                .name("articlesCount").value(Long.MAX_VALUE).endObject().toString();

        JsonObject built = Json.createObjectBuilder()
                .add("articles", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("slug", "s").add("tagList", JsonValue.EMPTY_JSON_ARRAY)))
                .add("articlesCount", Long.MAX_VALUE).build();
        assertEquals(built, Json.createReader(new StringReader(text)).readObject());
    }

    /** Characters from every range that matters: controls, quotes, backslashes, ASCII, accents, emoji. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append(random.nextBoolean() ? '"' : '\\');
                case 2 -> text.append((char) (0x20 + random.nextInt(0x5f)));
                case 3 -> text.append((char) (0xa0 + random.nextInt(0x2000)));
                default -> text.appendCodePoint(0x1f600 + random.nextInt(0x50));
            }
        }
        return text.toString();
    }
}
