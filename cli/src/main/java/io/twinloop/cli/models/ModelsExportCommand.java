package io.twinloop.cli.models;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.aas.thingmodel.ThingModels;
import io.twinloop.cli.TwinLoop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes the Thing Models of AAS files to a folder, named as {@code twinloop aas import --models-base-url} links
 * them (the names depend on the content only), for a static web server or {@code twinloop models serve}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the WoT Thing Models generated from AAS files to DIR: one per submodel feature and one "
                + "per thing, named by their content. `twinloop aas import --models-base-url URL` links things to "
                + "the same names.",
                "All files are read and checked first; on any error nothing is written."})
public final class ModelsExportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "AAS files")
    private List<Path> files;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Ditto namespace of the things")
    private String namespace;

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "where the folder will be served, e.g. https://models.example.com/twinloop/ (the thing "
                    + "models link their feature models by it)")
    private URI baseUrl;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the model files")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter err = spec.commandLine().getErr();
        final PrintWriter outWriter = spec.commandLine().getOut();
        final ThingModels models;
        try {
            final List<AasPackage> packages = new ArrayList<>();
            for (final Path file : files) {
                packages.add(EnvironmentReader.newInstance().read(file));
            }
            models = ThingModels.generate(packages, ThingMapper.of(MappingOptions.of(namespace)).map(packages),
                    baseUrl);
        } catch (final AasInputException e) {
            err.println("error: " + e.getMessage());
            err.println("nothing was written to " + out);
            return TwinLoop.EXIT_REFUSED;
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        write(models.files(), out);
        models.files().keySet().forEach(name -> outWriter.println(baseUrl.resolve(name)));
        outWriter.printf("wrote %d Thing Model(s) to %s%n", models.files().size(), out);
        return TwinLoop.EXIT_OK;
    }

    /** Each file complete or not at all (written aside, then moved into place). */
    public static void write(final Map<String, String> files, final Path folder) throws IOException {
        Files.createDirectories(folder);
        for (final var file : files.entrySet()) {
            final Path partial = folder.resolve(file.getKey() + ".partial");
            Files.writeString(partial, file.getValue());
            Files.move(partial, folder.resolve(file.getKey()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
