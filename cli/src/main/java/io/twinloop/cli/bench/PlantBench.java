package io.twinloop.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.twinloop.cli.TwinLoop;
import io.twinloop.scenarios.policy.PolicyKind;
import io.twinloop.scenarios.run.BenchRunner;
import io.twinloop.scenarios.run.ResultFiles;
import io.twinloop.scenarios.run.RunResult;
import io.twinloop.scenarios.scenario.DeclaredOnly;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ScenarioException;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import io.twinloop.scenarios.scenario.ScenarioOverride;
import io.twinloop.scenarios.stack.StackSettings;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinloop bench plant}: a scenario run headless on the plant engine under one policy, for seeds
 * {@code first-seed .. first-seed+seeds-1}; one JSON per run and a CSV of all runs. See the scenarios module README.
 */
@Command(name = "plant", mixinStandardHelpOptions = true,
        description = "Runs a plant scenario headless under a policy (baseline, threshold on the plant engine; "
                + "twinloop through the real stack) and writes the results.")
public final class PlantBench implements Callable<Integer> {

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "scenario file (JSON), e.g. "
            + "examples/scenarios/automotive-parts-line.json")
    private Path scenarioFile;

    @Option(names = "--policy", required = true, paramLabel = "baseline|threshold|twinloop",
            description = "baseline: calendar maintenance, fixed speeds, FIFO; threshold: maintenance on vibration; "
                    + "twinloop: TwinLoop's agents through the real stack (twin server, OPC UA, connector, "
                    + "optimizer), stepped lock-step")
    private String policy;

    @Option(names = "--seeds", defaultValue = "1", description = "number of seeds (default ${DEFAULT-VALUE})")
    private int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "first seed (default ${DEFAULT-VALUE})")
    private long firstSeed;

    @Option(names = "--days", defaultValue = "7", description = "simulated days per run (default ${DEFAULT-VALUE})")
    private double days;

    @Option(names = "--out", defaultValue = "target/bench-plant", paramLabel = "DIR",
            description = "folder for the results (default ${DEFAULT-VALUE}, created)")
    private Path out;

    @Option(names = "--quantum-minutes", defaultValue = "15", paramLabel = "M",
            description = "twinloop only: simulated minutes the plant advances per lock-step (default "
                    + "${DEFAULT-VALUE}); the optimizer reacts within one quantum")
    private long quantumMinutes;

    @Option(names = "--set", paramLabel = "POINTER=JSON", description = "replaces a value of the scenario before it "
            + "is checked, e.g. /policies/twinloop/urgentRisk=0.25 (repeatable; used by the tuning procedure, "
            + "recorded in every result as overrides)")
    private List<String> overrides = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter console = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (seeds < 1 || !(days > 0) || quantumMinutes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seeds must be at least 1, --days "
                    + "positive and --quantum-minutes at least 1");
        }
        final PolicyKind kind;
        try {
            kind = PolicyKind.named(policy);
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--policy: " + e.getMessage());
        }
        final List<ScenarioOverride> parsed = new ArrayList<>();
        for (final String override : overrides) {
            try {
                parsed.add(ScenarioOverride.parse(override));
            } catch (final IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--set: " + e.getMessage());
            }
        }
        final Scenario scenario;
        try {
            scenario = ScenarioLoader.load(scenarioFile, parsed);
        } catch (final ScenarioException e) {
            err.println("error: " + e.getMessage());
            return TwinLoop.EXIT_REFUSED;
        }
        console.printf(Locale.ROOT, "bench plant: %s, policy %s, %d seed(s) from %d, %.2f day(s) each%n",
                scenario.name(), kind.cliName(), seeds, firstSeed, days);
        for (final String override : scenario.overrides()) {
            console.println("  override: " + override);
        }
        for (final DeclaredOnly note : scenario.declaredOnly()) {
            console.println("  declared, not simulated: " + note);
        }
        Files.createDirectories(out);
        final List<RunResult> results = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            final RunResult result;
            try {
                result = BenchRunner.run(scenario, kind, seed, days,
                        StackSettings.defaults().withQuantum(Duration.ofMinutes(quantumMinutes)));
            } catch (final IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return TwinLoop.EXIT_REFUSED;
            } catch (final IllegalStateException e) {
                // the stack did not settle or did not start: say what, keep the runs written so far
                err.println("error: seed " + seed + ": " + e.getMessage());
                return TwinLoop.EXIT_REFUSED;
            }
            results.add(result);
            final Path json = ResultFiles.writeJson(out, result);
            console.printf(Locale.ROOT, "seed %d: %d good units, %.1f kWh (%.3f kWh/unit), unplanned downtime %.1f h,"
                    + " planned maintenance %.1f h, total cost %.0f EUR, safety violations %d, approvals %d; "
                    + "%.0f ms wall per simulated day -> %s%n", seed, result.goodUnits(), result.energyKwh(),
                    result.energyPerGoodUnitKwh(), result.unplannedDowntimeHours(), result.plannedMaintenanceHours(),
                    result.totalCostEur(), result.safetyBoundViolations(), result.actionsNeedingApproval(),
                    result.wallMillisPerDay(), json);
            console.flush();
        }
        console.println("all runs: " + ResultFiles.writeCsv(out, results).toAbsolutePath());
        return TwinLoop.EXIT_OK;
    }
}
