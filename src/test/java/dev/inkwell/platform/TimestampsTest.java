package dev.inkwell.platform;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** API timestamps: UTC, milliseconds, the same text as the general formatter writes. */
@Tag("unit")
class TimestampsTest {

    private static final DateTimeFormatter EXPECTED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
            "2016-02-18T03:22:56.637123Z, 2016-02-18T03:22:56.637Z",
            "1970-01-01T00:00:00Z, 1970-01-01T00:00:00.000Z",
            "1969-12-31T23:59:59.999999999Z, 1969-12-31T23:59:59.999Z",
            "2024-02-29T12:05:09.001Z, 2024-02-29T12:05:09.001Z",
            "0000-01-01T00:00:00Z, 0000-01-01T00:00:00.000Z",
            "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999Z",
    })
    void writesUtcWithThreeFractionalDigits(String instant, String text) {
        assertEquals(text, Timestamps.format(Instant.parse(instant)));
    }

    @Test
    void yearsOutsideFourDigitsAreWrittenAsTheGeneralFormatterWritesThem() {
        Instant beyond = Instant.parse("+10000-01-01T00:00:00Z");
        Instant before = Instant.parse("-0001-06-01T00:00:00Z");

        assertEquals(EXPECTED.format(beyond), Timestamps.format(beyond));
        assertEquals(EXPECTED.format(before), Timestamps.format(before));
    }

    @Test
    void agreesWithTheGeneralFormatterAcrossTheYears() {
        Random random = new Random(7);
        long lastSecond = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long firstSecond = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(firstSecond + (long) (random.nextDouble() * (lastSecond - firstSecond)),
                                                    random.nextInt(1_000_000_000));
            assertEquals(EXPECTED.format(instant), Timestamps.format(instant), instant::toString);
        }
    }
}
