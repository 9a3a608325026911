package dev.chatsuite.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The contract's form, written field by field, matches the formatter's pattern everywhere. */
class TimestampsTest {

    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void shouldWriteMillisecondsInUtcTruncatingTheRest() {
        assertThat(Timestamps.format(Instant.parse("2026-12-05T11:42:07.123999999Z"))).isEqualTo("2026-12-05T11:42:07.123Z");
        assertThat(Timestamps.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00.000Z");
        assertThat(Timestamps.format(Instant.parse("9999-12-31T23:59:59.999Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
        assertThat(Timestamps.format(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.500Z");
        assertThat(Timestamps.format(null)).isNull();
    }

    @Test
    void shouldMatchThePatternBeforeYearOneAndBeyond9999() {
        SplittableRandom random = new SplittableRandom(20261205);
        long from = Instant.parse("-0500-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
            assertThat(Timestamps.format(instant)).as("%s", instant).isEqualTo(PATTERN.format(instant));
        }
    }
}
