package io.twinloop.cli.twin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.aas.thingmodel.ThingModels;

/**
 * The demo plant written by this project (examples/demo-plant.aas.json, packaged into the jar): three machines as
 * AAS shells, mapped to things in the namespace {@value #NAMESPACE}.
 */
public final class DemoPlant {

    public static final String NAMESPACE = "demo";
    private static final String RESOURCE = "/io/twinloop/cli/demo/demo-plant.aas.json";

    private DemoPlant() {
    }

    public static List<MappedThing> things() {
        return read(plant -> ThingMapper.of(MappingOptions.of(NAMESPACE)).map(List.of(plant)).things());
    }

    /**
     * The demo things linked to WoT Thing Models generated from their AAS (module aas-mapping, package
     * {@code thingmodel}), to be served at {@code modelsBase}.
     */
    public static ThingModels withThingModels(final URI modelsBase) {
        return read(plant -> ThingModels.generate(List.of(plant),
                ThingMapper.of(MappingOptions.of(NAMESPACE)).map(List.of(plant)), modelsBase));
    }

    private static <T> T read(final Function<AasPackage, T> use) {
        try (InputStream in = DemoPlant.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo plant " + RESOURCE + " is missing from the jar");
            }
            final Path folder = Files.createTempDirectory("twinloop-demo");
            final Path file = folder.resolve("demo-plant.aas.json"); // the file name names the environment thing
            try {
                Files.write(file, in.readAllBytes());
                return use.apply(EnvironmentReader.newInstance().read(file));
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo plant: " + e.getMessage(), e);
        }
    }
}
