package io.twinloop.optimizer.energy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads day-ahead price files into a {@link PriceSeries}. Three formats:
 * <ul>
 * <li><b>user</b> ({@link #readUser}): CSV with the header {@code time,eur_per_kwh}, one price per line, times in
 * ISO-8601 with an offset ({@code 2024-03-31T01:00:00+01:00} or {@code …Z}), strictly increasing, at least one
 * minute apart (any step); the offset makes every time unambiguous.</li>
 * <li><b>Belpex 2014</b> ({@link #readBelpex}): {@code datetime_be;price_BE}, {@code 2014-01-01 00:15:00;0.01515},
 * 15-min, EUR/kWh, local Belgian time.</li>
 * <li><b>ENTSO-E</b> ({@link #readEntsoe}): {@code time,DAM_price}, {@code 01jan2022 00:00:00,.0820199966430664},
 * hourly, EUR/kWh, local Belgian time (CET/CEST), an empty price where none was published.</li>
 * </ul>
 * Local times are resolved in the zone given (Europe/Brussels for both corpus files): a local time that does not
 * exist (the spring-forward hour) carries no price and its line is skipped; a local time that exists twice (the
 * repeated autumn hour) is taken as summer time (the earlier instant) the first time it appears and as winter time
 * when it appears again right after, which is how both corpus files order them. A line with an empty price is
 * skipped (no price published: ENTSO-E's trailing lines after July 2024); the series then holds the price before.
 * Anything else that does not parse is a {@link PriceFormatException} naming file, line and column; nothing is
 * returned half-read.
 */
public final class PriceFiles {

    public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    private static final DateTimeFormatter BELPEX_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss",
            Locale.ROOT);
    private static final DateTimeFormatter ENTSOE_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("ddMMMuuuu HH:mm:ss").toFormatter(Locale.ENGLISH);

    private PriceFiles() {
    }

    /** Reads a file in whichever of the three formats its header names. */
    public static PriceSeries read(final Path file) {
        final List<String> lines = lines(file);
        final String header = lines.isEmpty() ? "" : strip(lines.get(0));
        return switch (header) {
            case "time,eur_per_kwh" -> readUser(file, lines);
            case "datetime_be;price_BE" -> readBelpex(file, lines, BRUSSELS);
            case "time,DAM_price" -> readEntsoe(file, lines, BRUSSELS);
            default -> throw new PriceFormatException(file.toString(), 1, 1, "unknown header '" + header
                    + "': expected 'time,eur_per_kwh' (user format), 'datetime_be;price_BE' (Belpex) or "
                    + "'time,DAM_price' (ENTSO-E)");
        };
    }

    /** The documented user format: {@code time,eur_per_kwh} with ISO-8601 times with offset. */
    public static PriceSeries readUser(final Path file) {
        return readUser(file, lines(file));
    }

    /** The Belpex 2014 corpus file, local times in {@code zone}. */
    public static PriceSeries readBelpex(final Path file, final ZoneId zone) {
        return readBelpex(file, lines(file), zone);
    }

    /** The ENTSO-E 2022–2024 corpus file, local times in {@code zone}. */
    public static PriceSeries readEntsoe(final Path file, final ZoneId zone) {
        return readEntsoe(file, lines(file), zone);
    }

    private static PriceSeries readUser(final Path file, final List<String> lines) {
        final String name = file.toString();
        expectHeader(name, lines, "time,eur_per_kwh");
        final Map<Instant, Double> prices = new LinkedHashMap<>();
        Instant previous = null;
        for (int i = 1; i < lines.size(); i++) {
            final String line = strip(lines.get(i));
            if (line.isBlank()) {
                continue;
            }
            final String[] fields = fields(name, i + 1, line, ',');
            final Instant time;
            try {
                time = OffsetDateTime.parse(fields[0].trim()).toInstant();
            } catch (final DateTimeParseException e) {
                throw new PriceFormatException(name, i + 1, 1, "time '" + fields[0]
                        + "' is not ISO-8601 with an offset (e.g. 2024-03-31T01:00:00+01:00)");
            }
            final double price = price(name, i + 1, fields, line, ',', false);
            if (previous != null && !time.isAfter(previous)) {
                throw new PriceFormatException(name, i + 1, 1, "time " + fields[0].trim()
                        + " is not after the line before (" + previous + "): times must increase");
            }
            if (previous != null && time.isBefore(previous.plus(PriceSeries.MIN_STEP))) {
                throw new PriceFormatException(name, i + 1, 1, "time " + fields[0].trim()
                        + " is less than one minute after the line before (" + previous + ")");
            }
            prices.put(time, price);
            previous = time;
        }
        return series(name, prices);
    }

    private static PriceSeries readBelpex(final Path file, final List<String> lines, final ZoneId zone) {
        final String name = file.toString();
        expectHeader(name, lines, "datetime_be;price_BE");
        return readLocal(name, lines, ';', BELPEX_TIME, zone);
    }

    private static PriceSeries readEntsoe(final Path file, final List<String> lines, final ZoneId zone) {
        final String name = file.toString();
        expectHeader(name, lines, "time,DAM_price");
        return readLocal(name, lines, ',', ENTSOE_TIME, zone);
    }

    private static PriceSeries readLocal(final String name, final List<String> lines, final char separator,
            final DateTimeFormatter format, final ZoneId zone) {
        final Map<Instant, Double> prices = new LinkedHashMap<>();
        Instant previous = null;
        for (int i = 1; i < lines.size(); i++) {
            final String line = strip(lines.get(i));
            if (line.isBlank()) {
                continue;
            }
            final String[] fields = fields(name, i + 1, line, separator);
            final LocalDateTime local;
            try {
                local = LocalDateTime.parse(fields[0].trim(), format);
            } catch (final DateTimeParseException e) {
                throw new PriceFormatException(name, i + 1, 1, "time '" + fields[0] + "' does not match "
                        + format + " (" + e.getMessage() + ")");
            }
            final List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                continue; // spring forward: this local time never happened, so no price applies to it
            }
            final double price = price(name, i + 1, fields, line, separator, true);
            if (Double.isNaN(price)) {
                continue;
            }
            Instant time = local.toInstant(offsets.get(0));
            if (offsets.size() == 2 && previous != null && !time.isAfter(previous)) {
                time = local.toInstant(offsets.get(1)); // the repeated autumn hour, second time: winter time
            }
            if (previous != null && !time.isAfter(previous)) {
                throw new PriceFormatException(name, i + 1, 1, "time " + fields[0].trim() + " (" + time
                        + ") is not after the line before (" + previous + "): times must increase");
            }
            prices.put(time, price);
            previous = time;
        }
        return series(name, prices);
    }

    private static PriceSeries series(final String name, final Map<Instant, Double> prices) {
        if (prices.isEmpty()) {
            throw new PriceFormatException(name, 2, 1, "no prices in the file");
        }
        try {
            return PriceSeries.of(name, prices);
        } catch (final IllegalArgumentException e) {
            throw new PriceFormatException(name, 1, 1, e.getMessage());
        }
    }

    private static void expectHeader(final String name, final List<String> lines, final String header) {
        if (lines.isEmpty() || !strip(lines.get(0)).equals(header)) {
            throw new PriceFormatException(name, 1, 1, "expected the header '" + header + "', found '"
                    + (lines.isEmpty() ? "" : strip(lines.get(0))) + "'");
        }
    }

    private static String[] fields(final String name, final int line, final String text, final char separator) {
        final String[] fields = text.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
        if (fields.length != 2) {
            throw new PriceFormatException(name, line, 1, "expected 2 fields separated by '" + separator
                    + "', found " + fields.length);
        }
        return fields;
    }

    /** The price field, NaN when empty and {@code emptyAllowed}. */
    private static double price(final String name, final int line, final String[] fields, final String text,
            final char separator, final boolean emptyAllowed) {
        final int column = text.indexOf(separator) + 2;
        final String field = fields[1].trim();
        if (field.isEmpty()) {
            if (emptyAllowed) {
                return Double.NaN;
            }
            throw new PriceFormatException(name, line, column, "the price is empty");
        }
        try {
            final double value = Double.parseDouble(field);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (final NumberFormatException e) {
            throw new PriceFormatException(name, line, column, "price '" + field
                    + "' is not a decimal number (EUR/kWh)");
        }
    }

    private static String strip(final String line) {
        String s = line;
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static List<String> lines(final Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read price file " + file + ": " + e.getMessage(), e);
        }
    }

}
