package io.twinloop.optimizer.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceFilesTest {

    @TempDir
    Path dir;

    private Path write(final String name, final String text) throws IOException {
        final Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void userFormatReadsOffsetsAndAnyStep() throws IOException {
        final PriceSeries series = PriceFiles.read(write("prices.csv", """
                time,eur_per_kwh
                2024-03-31T01:00:00+01:00,0.10
                2024-03-31T01:30:00+01:00,0.20
                2024-03-31T03:00:00+02:00,0.30
                2024-03-31T01:45:00Z,0.40
                """));
        assertThat(series.size()).isEqualTo(4);
        assertThat(series.start()).isEqualTo(Instant.parse("2024-03-31T00:00:00Z"));
        assertThat(series.step()).isEqualTo(Duration.ofMinutes(30));
        assertThat(series.end()).isEqualTo(Instant.parse("2024-03-31T02:15:00Z"));
        assertThat(series.price(Instant.parse("2024-03-31T00:29:59Z"))).isEqualTo(0.10);
        assertThat(series.price(Instant.parse("2024-03-31T01:00:00Z"))).isEqualTo(0.30);
        // 30 min at 0.10, 30 min at 0.20
        assertThat(series.average(Instant.parse("2024-03-31T00:00:00Z"), Instant.parse("2024-03-31T01:00:00Z")))
                .isCloseTo(0.15, within(1e-12));
        // clipped to what the series covers
        assertThat(series.average(Instant.parse("2024-03-31T01:45:00Z"), Instant.parse("2024-03-31T05:00:00Z")))
                .isCloseTo(0.40, within(1e-12));
        assertThatThrownBy(() -> series.price(Instant.parse("2024-03-31T02:15:00Z")))
                .hasMessageContaining("has no price at 2024-03-31T02:15:00Z");
    }

    @Test
    void hourlyPricesFromNowHoldTheLastHourPastTheEnd() throws IOException {
        final PriceSeries series = PriceFiles.read(write("prices.csv", """
                time,eur_per_kwh
                2024-01-01T00:00:00Z,0.10
                2024-01-01T01:00:00Z,0.30
                """));
        final double[] hourly = series.hourly(Instant.parse("2024-01-01T00:30:00Z"), 3);
        assertThat(hourly).containsExactly(new double[] {0.20, 0.30, 0.30}, within(1e-12));
        assertThat(series.pricePerKwhFrom(Instant.parse("2024-01-01T00:00:00Z"), 2).applyAsDouble(1))
                .isEqualTo(0.30);
    }

    @Test
    void badUserInputNamesFileLineAndColumn() throws IOException {
        assertThatThrownBy(() -> PriceFiles.read(write("h.csv", "when,price\n")))
                .isInstanceOf(PriceFormatException.class).hasMessageContaining("h.csv:1:1: unknown header");
        assertThatThrownBy(() -> PriceFiles.read(write("t.csv",
                "time,eur_per_kwh\n2024-01-01T00:00:00Z,0.1\n2024-01-01 01:00,0.2\n")))
                .isInstanceOf(PriceFormatException.class)
                .hasMessageContaining("t.csv:3:1: time '2024-01-01 01:00' is not ISO-8601 with an offset");
        assertThatThrownBy(() -> PriceFiles.read(write("p.csv",
                "time,eur_per_kwh\n2024-01-01T00:00:00Z,0,1\n")))
                .isInstanceOf(PriceFormatException.class).hasMessageContaining("p.csv:2:1: expected 2 fields");
        final PriceFormatException price = (PriceFormatException) org.assertj.core.api.Assertions.catchThrowable(
                () -> PriceFiles.read(write("q.csv", "time,eur_per_kwh\n2024-01-01T00:00:00Z,abc\n")));
        assertThat(price.getMessage()).contains("q.csv:2:22: price 'abc' is not a decimal number");
        assertThat(price.line()).isEqualTo(2);
        assertThat(price.column()).isEqualTo(22);
        assertThatThrownBy(() -> PriceFiles.read(write("e.csv", "time,eur_per_kwh\n2024-01-01T00:00:00Z,\n")))
                .hasMessageContaining("e.csv:2:22: the price is empty");
        assertThatThrownBy(() -> PriceFiles.read(write("o.csv",
                "time,eur_per_kwh\n2024-01-01T01:00:00Z,0.1\n2024-01-01T01:00:00+01:00,0.2\n")))
                .hasMessageContaining("o.csv:3:1: time 2024-01-01T01:00:00+01:00 is not after the line before");
        assertThatThrownBy(() -> PriceFiles.read(write("s.csv",
                "time,eur_per_kwh\n2024-01-01T00:00:00Z,0.1\n2024-01-01T00:00:30Z,0.2\n")))
                .hasMessageContaining("s.csv:3:1: time 2024-01-01T00:00:30Z is less than one minute after");
        assertThatThrownBy(() -> PriceFiles.read(write("n.csv", "time,eur_per_kwh\n")))
                .hasMessageContaining("n.csv:2:1: no prices in the file");
    }

    @Test
    void entsoeLocalTimesSkipTheSpringGapAndSplitTheRepeatedAutumnHour() throws IOException {
        final PriceSeries spring = PriceFiles.read(write("spring.csv", "time,DAM_price\r\n"
                + "26mar2023 01:00:00,.06575\r\n26mar2023 02:00:00,\r\n26mar2023 03:00:00,.0692\r\n"));
        // 01:00 CET = 00:00Z, 03:00 CEST = 01:00Z: one hour apart, no hole
        assertThat(spring.points().keySet()).containsExactly(Instant.parse("2023-03-26T00:00:00Z"),
                Instant.parse("2023-03-26T01:00:00Z"));
        final PriceSeries autumn = PriceFiles.read(write("autumn.csv", "time,DAM_price\n"
                + "29oct2023 01:00:00,-.00107\n29oct2023 02:00:00,-.00101\n29oct2023 02:00:00,-.00084\n"
                + "29oct2023 03:00:00,-.00090\n"));
        assertThat(autumn.points()).containsExactly(
                org.assertj.core.api.Assertions.entry(Instant.parse("2023-10-28T23:00:00Z"), -.00107),
                org.assertj.core.api.Assertions.entry(Instant.parse("2023-10-29T00:00:00Z"), -.00101),
                org.assertj.core.api.Assertions.entry(Instant.parse("2023-10-29T01:00:00Z"), -.00084),
                org.assertj.core.api.Assertions.entry(Instant.parse("2023-10-29T02:00:00Z"), -.00090));
        assertThatThrownBy(() -> PriceFiles.read(write("bad.csv", "time,DAM_price\n01jan2022 00:00:00,.08\n"
                + "32jan2022 01:00:00,.07\n")))
                .isInstanceOf(PriceFormatException.class).hasMessageContaining("bad.csv:3:1: time '32jan2022");
        assertThatThrownBy(() -> PriceFiles.read(write("back.csv", "time,DAM_price\n01jan2022 01:00:00,.08\n"
                + "01jan2022 00:00:00,.07\n")))
                .hasMessageContaining("back.csv:3:1: time 01jan2022 00:00:00").hasMessageContaining("is not after");
    }

    @Test
    void belpexLocalTimesSkipTheNonexistentSpringQuarterHours() throws IOException {
        final PriceSeries series = PriceFiles.read(write("belpex.csv", """
                datetime_be;price_BE
                2014-03-30 01:45:00;0.02225
                2014-03-30 02:00:00;0.02949
                2014-03-30 02:45:00;0.02042
                2014-03-30 03:00:00;0.02949
                """));
        assertThat(series.points().keySet()).containsExactly(Instant.parse("2014-03-30T00:45:00Z"),
                Instant.parse("2014-03-30T01:00:00Z"));
        assertThatThrownBy(() -> PriceFiles.read(write("b.csv", "datetime_be;price_BE\n2014-01-01 00:00:00;x\n")))
                .hasMessageContaining("b.csv:2:21: price 'x'");
    }

    @Test
    void entsoeCorpusFile() {
        final var file = TariffCorpus.file("be-entsoe-dam-2022-2024/DAM_prices.csv");
        Assumptions.assumeTrue(file.isPresent(), "shared/corpus/tariffs/be-entsoe-dam-2022-2024 is absent: skipped");
        final PriceSeries series = PriceFiles.read(file.get());
        assertThat(series.step()).isEqualTo(Duration.ofHours(1));
        assertThat(series.start()).isEqualTo(Instant.parse("2021-12-31T23:00:00Z"));
        // priced until 29 July 2024 23:00 local; hourly without holes: every hour from start to end has a price
        assertThat(series.end()).isEqualTo(ZonedDateTime.parse("2024-07-30T00:00+02:00[Europe/Brussels]")
                .toInstant());
        assertThat(series.size()).isEqualTo(Duration.between(series.start(), series.end()).toHours());
        assertThat(series.price(Instant.parse("2022-01-01T00:30:00Z"))).isCloseTo(0.06707, within(1e-5));
    }

    @Test
    void belpexCorpusFile() {
        final var file = TariffCorpus.file("be-belpex-dam-2014/DAM_electricity_prices-2014_BE.csv");
        Assumptions.assumeTrue(file.isPresent(), "shared/corpus/tariffs/be-belpex-dam-2014 is absent: skipped");
        final PriceSeries series = PriceFiles.read(file.get());
        assertThat(series.step()).isEqualTo(Duration.ofMinutes(15));
        // 365 days of 96 rows, less the 4 spring quarter hours that never happened locally
        assertThat(series.size()).isEqualTo(365 * 96 - 4);
        assertThat(series.start()).isEqualTo(Instant.parse("2013-12-31T23:00:00Z"));
        assertThat(series.price(Instant.parse("2013-12-31T23:00:00Z"))).isEqualTo(0.01515);
    }
}
