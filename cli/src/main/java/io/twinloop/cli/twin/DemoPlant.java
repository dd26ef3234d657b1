package io.twinloop.cli.twin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;

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
        try (InputStream in = DemoPlant.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo plant " + RESOURCE + " is missing from the jar");
            }
            final Path folder = Files.createTempDirectory("twinloop-demo");
            final Path file = folder.resolve("demo-plant.aas.json"); // the file name names the environment thing
            try {
                Files.write(file, in.readAllBytes());
                final AasPackage plant = EnvironmentReader.newInstance().read(file);
                return ThingMapper.of(MappingOptions.of(NAMESPACE)).map(List.of(plant)).things();
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo plant: " + e.getMessage(), e);
        }
    }
}
