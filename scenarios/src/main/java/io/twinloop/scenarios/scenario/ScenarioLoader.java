package io.twinloop.scenarios.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.plant.line.DueDatePolicy;
import io.twinloop.plant.line.LineLayout;
import io.twinloop.plant.machine.MachineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a scenario file (JSON, format in the module README) and validates all of it: syntax, every field's type and
 * range, unknown fields, and the cross-checks (machine ids, price coverage of the start, the fixed speed within the
 * safety bound and every machine's range). All problems are reported together in one {@link ScenarioException},
 * each with the file and the JSON Pointer; nothing is returned half-checked.
 */
public final class ScenarioLoader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ScenarioLoader() {
    }

    public static Scenario load(final Path file) {
        return load(file, List.of());
    }

    /**
     * Loads {@code file} with {@code overrides} put into it first; the result is validated as a whole, so an
     * override out of range is refused like a value in the file (a problem at its pointer). An override whose path
     * runs through a value that is not an object is refused naming it.
     */
    public static Scenario load(final Path file, final List<ScenarioOverride> overrides) {
        final JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (final NoSuchFileException e) {
            throw new ScenarioException(file, List.of(new Problem("", "no such file")));
        } catch (final JsonProcessingException e) {
            final String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ScenarioException(file, List.of(new Problem("", "not valid JSON" + where + ": "
                    + e.getOriginalMessage())));
        } catch (final IOException e) {
            throw new ScenarioException(file, List.of(new Problem("", "cannot read: " + e.getMessage())));
        }
        final List<Problem> problems = new ArrayList<>();
        if (!overrides.isEmpty()) {
            apply(root, overrides, problems);
            if (!problems.isEmpty()) {
                throw new ScenarioException(file, problems);
            }
        }
        final List<DeclaredOnly> declared = new ArrayList<>();
        final Scenario scenario = new ScenarioLoader.Reading(file, JsonFields.root(root == null
                ? JSON.nullNode() : root, problems), declared).scenario(overrides);
        if (!problems.isEmpty() || scenario == null) {
            throw new ScenarioException(file, problems);
        }
        return scenario;
    }

    private static void apply(final JsonNode root, final List<ScenarioOverride> overrides,
            final List<Problem> problems) {
        if (!(root instanceof ObjectNode object)) {
            problems.add(new Problem("", "cannot apply overrides: the file is not a JSON object"));
            return;
        }
        for (final ScenarioOverride override : overrides) {
            final JsonPointer pointer = override.jsonPointer();
            try {
                final JsonNode parent = object.withObject(pointer.head());
                ((ObjectNode) parent).set(pointer.last().getMatchingProperty(), override.value());
            } catch (final UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
                problems.add(new Problem(override.pointer(), "cannot apply the override " + override
                        + ": its path runs through a value that is not an object"));
            }
        }
    }

    /** One reading of one file: the sections in order, cross-checks at the end. */
    private static final class Reading {
        private final Path file;
        private final JsonFields root;
        private final List<DeclaredOnly> declared;

        Reading(final Path file, final JsonFields root, final List<DeclaredOnly> declared) {
            this.file = file;
            this.root = root;
            this.declared = declared;
        }

        Scenario scenario(final List<ScenarioOverride> overrides) {
            root.onlyKnown(Set.of("name", "description", "start", "line", "demand", "calendar", "prices",
                    "degradation", "maintenance", "costs", "goal", "policies"));
            final Optional<String> name = root.text("name", true);
            final String description = root.text("description", false).orElse("");
            final Optional<Instant> start = root.text("start", true).flatMap(this::instant);
            final Optional<JsonFields> line = root.object("line", true);
            final List<Station> stations = line.map(this::stations).orElse(List.of());
            final int queueCapacity = line.map(l -> l.integer("queueCapacity", 3, 1, 1000)).orElse(-1);
            final Optional<Demand> demand = root.object("demand", true).flatMap(this::demand);
            final Optional<ShiftCalendar> calendar = root.object("calendar", true).flatMap(this::calendar);
            final Optional<PriceReference> prices = root.object("prices", true)
                    .flatMap(p -> PriceSection.read(file, p, start));
            final Optional<Degradation> degradation = root.object("degradation", true).flatMap(Reading::degradation);
            final Optional<Maintenance> maintenance = root.object("maintenance", true)
                    .flatMap(m -> maintenance(m, stations.size()));
            final Optional<Costs> costs = root.object("costs", true).map(c -> {
                c.onlyKnown(Set.of("downtimeEurPerHour", "maintenanceEurPerHour"));
                return new Costs(c.number("downtimeEurPerHour", Double.NaN, 0, 1e9),
                        c.number("maintenanceEurPerHour", Double.NaN, 0, 1e9));
            });
            final Optional<GoalLayer> goal = root.object("goal", true).flatMap(GoalSection::read);
            final Optional<PolicySettings> policies = root.object("policies", true)
                    .flatMap(p -> PolicySection.read(p, stations, goal));
            goal.ifPresent(g -> declared.add(new DeclaredOnly("/goal", "weights, horizon and throughput floor "
                    + "configure the twinloop policy's optimizer; the baselines do not read them. The Speed "
                    + "bound is enforced on every policy as the safety bound")));
            if (name.isEmpty() || start.isEmpty() || stations.isEmpty() || queueCapacity < 0 || demand.isEmpty()
                    || calendar.isEmpty() || prices.isEmpty() || degradation.isEmpty() || maintenance.isEmpty()
                    || costs.isEmpty() || goal.isEmpty() || policies.isEmpty()) {
                return null;
            }
            return new Scenario(file, name.get(), description, start.get(), stations, queueCapacity, demand.get(),
                    calendar.get(), prices.get(), degradation.get(), maintenance.get(), costs.get(), goal.get(),
                    policies.get(), declared, overrides.stream().map(ScenarioOverride::toString).toList());
        }

        private Optional<Instant> instant(final String text) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (final DateTimeParseException e) {
                root.problem(root.at("start"), "'" + text + "' is not an ISO-8601 date-time with an offset, e.g. "
                        + "2023-10-02T06:00:00+02:00");
                return Optional.empty();
            }
        }

        private List<Station> stations(final JsonFields line) {
            line.onlyKnown(Set.of("machines", "queueCapacity"));
            final List<JsonFields> machines = line.objects("machines");
            if (machines.isEmpty()) {
                line.problem(line.at("machines"), "a line needs at least one machine");
            }
            final List<Station> stations = new ArrayList<>();
            final Set<String> ids = new HashSet<>();
            for (final JsonFields machine : machines) {
                machine.onlyKnown(Set.of("id", "kind", "simulatedAs", "wearHours"));
                final Optional<String> id = machine.text("id", true).filter(text -> validId(machine, text));
                id.filter(text -> !ids.add(text)).ifPresent(text -> machine.problem(machine.at("id"),
                        "machine id '" + text + "' appears twice on the line"));
                final Optional<StationKind> kind = machine.constant("kind", StationKind.class, true);
                final Optional<MachineKind> simulatedAs = kind.flatMap(k -> simulatedAs(machine, k));
                final double wear = machine.number("wearHours", 0, 0, 1e6);
                if (id.isPresent() && simulatedAs.isPresent() && !Double.isNaN(wear)) {
                    final Station station = new Station(id.get(), kind.get(), simulatedAs.get(), wear);
                    if (!station.simulatedAsDeclared()) {
                        declared.add(new DeclaredOnly(machine.at("kind"), kind.get() + " station '" + id.get()
                                + "' is simulated as a " + simulatedAs.get() + " (the plant has no " + kind.get()
                                + " kind yet)"));
                    }
                    stations.add(station);
                }
            }
            return stations;
        }

        private static boolean validId(final JsonFields machine, final String id) {
            try {
                new LineLayout.Station(id, MachineKind.CONVEYOR);
                return true;
            } catch (final IllegalArgumentException e) {
                machine.problem(machine.at("id"), e.getMessage());
                return false;
            }
        }

        private static Optional<MachineKind> simulatedAs(final JsonFields machine, final StationKind kind) {
            final Optional<MachineKind> own = kind.plantKind();
            if (!machine.has("simulatedAs")) {
                if (own.isEmpty()) {
                    machine.problem(machine.at("simulatedAs"), "missing: the plant has no " + kind + " kind, so "
                            + "say which of " + java.util.Arrays.toString(MachineKind.values()) + " stands in");
                }
                return own;
            }
            final Optional<MachineKind> named = machine.constant("simulatedAs", MachineKind.class, true);
            if (own.isPresent() && named.isPresent() && own.get() != named.get()) {
                machine.problem(machine.at("simulatedAs"), "a " + kind + " is simulated as itself; simulatedAs is "
                        + "only for kinds the plant lacks (INSPECTION, AGV)");
                return Optional.empty();
            }
            return named;
        }

        private Optional<Demand> demand(final JsonFields demand) {
            demand.onlyKnown(Set.of("jobParts", "dueDates"));
            final Optional<int[]> parts = demand.object("jobParts", false).map(p -> {
                p.onlyKnown(Set.of("min", "max"));
                final int min = p.integer("min", null, 1, 100_000);
                final int max = p.integer("max", null, 1, 100_000);
                if (min > 0 && max > 0 && min > max) {
                    p.problem(p.at("min"), "must not be above max (" + max + "), was " + min);
                }
                return new int[] {min, max};
            });
            final int min = parts.map(p -> p[0]).orElse(Demand.PLANT_PARTS_MIN);
            final int max = parts.map(p -> p[1]).orElse(Demand.PLANT_PARTS_MAX);
            final Optional<DueDatePolicy> dueDates = demand.object("dueDates", true).flatMap(Reading::dueDates);
            if (dueDates.isEmpty() || min < 1 || max < min) {
                return Optional.empty();
            }
            final Demand result = new Demand(min, max, dueDates.get());
            if (!result.jobSizesSimulated()) {
                declared.add(new DeclaredOnly(demand.at("jobParts"), "jobs of " + min + ".." + max + " parts "
                        + "declared; the plant draws " + Demand.PLANT_PARTS_MIN + ".." + Demand.PLANT_PARTS_MAX));
            }
            return Optional.of(result);
        }

        private static Optional<DueDatePolicy> dueDates(final JsonFields due) {
            due.onlyKnown(Set.of("tightShare", "tightSlack", "looseSlack", "expeditesPerDay", "expediteFactor"));
            final DueDatePolicy defaults = DueDatePolicy.defaults();
            final double share = due.number("tightShare", defaults.tightShare(), 0, 1);
            final double[] tight = range(due, "tightSlack", defaults.tightSlackMin(), defaults.tightSlackMax());
            final double[] loose = range(due, "looseSlack", defaults.looseSlackMin(), defaults.looseSlackMax());
            final double expedites = due.number("expeditesPerDay", defaults.expeditesPerDay(), 0, 10_000);
            final double factor = due.number("expediteFactor", defaults.expediteFactor(), 0.001, 0.999);
            try {
                return Optional.of(new DueDatePolicy(share, tight[0], tight[1], loose[0], loose[1], expedites,
                        factor));
            } catch (final IllegalArgumentException e) {
                if (!Double.isNaN(share + tight[0] + tight[1] + loose[0] + loose[1] + expedites + factor)) {
                    due.problem(due.pointer(), e.getMessage());
                }
                return Optional.empty();
            }
        }

        private static double[] range(final JsonFields parent, final String field, final double min,
                final double max) {
            return parent.object(field, false).map(r -> {
                r.onlyKnown(Set.of("min", "max"));
                final double lo = r.number("min", Double.NaN, 0.01, 1000);
                final double hi = r.number("max", Double.NaN, 0.01, 1000);
                if (lo > hi) {
                    r.problem(r.at("min"), "must not be above max (" + hi + "), was " + lo);
                }
                return new double[] {lo, hi};
            }).orElse(new double[] {min, max});
        }

        private Optional<ShiftCalendar> calendar(final JsonFields calendar) {
            calendar.onlyKnown(Set.of("shiftsPerDay", "shiftHours", "firstShiftStarts", "workingDays", "zone"));
            final int shifts = calendar.integer("shiftsPerDay", null, 1, 4);
            final double hours = calendar.number("shiftHours", Double.NaN, 1, 24);
            if (shifts > 0 && !Double.isNaN(hours) && shifts * hours > 24) {
                calendar.problem(calendar.at("shiftHours"), shifts + " shifts of " + hours + " h do not fit in a day");
            }
            final Optional<LocalTime> first = calendar.text("firstShiftStarts", true).flatMap(text -> {
                try {
                    return Optional.of(LocalTime.parse(text));
                } catch (final DateTimeParseException e) {
                    calendar.problem(calendar.at("firstShiftStarts"), "'" + text + "' is not a time like 06:00");
                    return Optional.empty();
                }
            });
            final Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            final List<String> names = calendar.texts("workingDays");
            for (int i = 0; i < names.size(); i++) {
                calendar.constantNamed(calendar.at("workingDays") + "/" + i, names.get(i), DayOfWeek.class)
                        .ifPresent(days::add);
            }
            if (days.isEmpty()) {
                calendar.problem(calendar.at("workingDays"), "name at least one day, e.g. [\"MONDAY\"]");
            }
            final Optional<ZoneId> zone = calendar.text("zone", true).flatMap(text -> {
                try {
                    return Optional.of(ZoneId.of(text));
                } catch (final java.time.DateTimeException e) {
                    calendar.problem(calendar.at("zone"), "'" + text + "' is not a time zone id like Europe/Brussels");
                    return Optional.empty();
                }
            });
            if (shifts < 1 || Double.isNaN(hours) || first.isEmpty() || days.isEmpty() || zone.isEmpty()) {
                return Optional.empty();
            }
            // simulated: the plant follows it (no job starts off-shift, due dates in staffed time)
            return Optional.of(new ShiftCalendar(shifts, hours, first.get(), days, zone.get()));
        }

        private static Optional<Degradation> degradation(final JsonFields degradation) {
            degradation.onlyKnown(Set.of("model", "lifeScale"));
            final Optional<String> model = degradation.text("model", true).filter(m -> {
                if (!Degradation.CMAPSS_FD001.equals(m)) {
                    degradation.problem(degradation.at("model"), "unknown degradation model '" + m + "'; the plant"
                            + " ships '" + Degradation.CMAPSS_FD001 + "' (fitted to NASA C-MAPSS FD001)");
                    return false;
                }
                return true;
            });
            final double scale = degradation.number("lifeScale", 1, 0.001, 100);
            return model.filter(m -> !Double.isNaN(scale)).map(m -> new Degradation(m, scale));
        }

        private Optional<Maintenance> maintenance(final JsonFields maintenance, final int machines) {
            maintenance.onlyKnown(Set.of("crewLimit", "spareParts", "sparePartsLeadTimeHours"));
            final int crew = maintenance.integer("crewLimit", null, 1, Math.max(1, machines));
            final Map<StationKind, Integer> spares = new EnumMap<>(StationKind.class);
            maintenance.object("spareParts", false).ifPresent(parts -> {
                for (final String name : parts.names()) {
                    final Optional<StationKind> kind = parts.constantNamed(parts.at(name), name, StationKind.class);
                    final int count = parts.integer(name, null, 0, 1_000_000);
                    kind.filter(k -> count >= 0).ifPresent(k -> spares.put(k, count));
                }
            });
            final double leadHours = maintenance.number("sparePartsLeadTimeHours",
                    Maintenance.DEFAULT_LEAD_TIME.toHours() * 1.0, 0, 10_000);
            final java.time.Duration lead = Double.isNaN(leadHours) ? Maintenance.DEFAULT_LEAD_TIME
                    : java.time.Duration.ofSeconds(Math.round(leadHours * 3600));
            return crew < 1 ? Optional.empty() : Optional.of(new Maintenance(crew, spares, lead));
        }
    }
}
