package io.twinloop.aas.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.SupplementaryFile;

/**
 * A folder of things as files: {@code <name>.json} per thing (Ditto's thing JSON, pretty-printed) and
 * {@code <name>.files/} beside it with the thing's supplementary files under their package paths. Writing is
 * all-or-nothing: everything is staged in a sibling folder first, and only a complete set is moved in.
 */
public final class ThingDirectory {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ThingDirectory() {
    }

    /** Writes the things into the folder (created if missing); returns the thing files written. */
    public static List<Path> write(final List<MappedThing> things, final Path folder) throws IOException {
        final Path target = folder.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        final Path stage = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".staging-");
        try {
            final List<String> names = new ArrayList<>();
            for (final MappedThing mapped : things) {
                final String name = mapped.name();
                Files.write(stage.resolve(name + ".json"), PRETTY.writeValueAsBytes(mapped.jsonTree()));
                for (final SupplementaryFile file : mapped.files()) {
                    final Path path = inside(stage.resolve(name + ".files"), file.path(), mapped.source());
                    Files.createDirectories(path.getParent());
                    Files.write(path, file.content());
                }
                names.add(name);
            }
            moveIn(stage, target);
            return names.stream().map(name -> target.resolve(name + ".json")).toList();
        } finally {
            deleteRecursively(stage);
        }
    }

    /** Reads every {@code *.json} thing in the folder, in file name order, with its supplementary files. */
    public static List<MappedThing> read(final Path folder) {
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> jsons = Files.newDirectoryStream(folder, "*.json")) {
            jsons.forEach(files::add);
        } catch (NoSuchFileException e) {
            throw AasInputException.of(folder.toString(), "", "no such folder", e);
        } catch (IOException e) {
            throw AasInputException.of(folder.toString(), "", "cannot list things: " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(Path::toString));
        if (files.isEmpty()) {
            throw AasInputException.of(folder.toString(), "", "no thing files (*.json) in this folder");
        }
        final List<MappedThing> things = new ArrayList<>();
        for (final Path file : files) {
            things.add(readThing(file));
        }
        return things;
    }

    private static MappedThing readThing(final Path file) {
        final String source = file.toString();
        final Thing thing;
        try {
            thing = ThingsModelFactory.newThing(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw AasInputException.of(source, "", "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw AasInputException.of(source, "", "not a valid Ditto thing JSON: " + e.getMessage(), e);
        }
        final String stem = file.getFileName().toString().replaceAll("\\.json$", "");
        final Path filesFolder = file.resolveSibling(stem + ".files");
        final List<SupplementaryFile> supplementary = new ArrayList<>();
        final Optional<JsonValue> described = thing.getAttributes()
                .flatMap(a -> a.getValue(ThingLayout.AAS.addLeaf(org.eclipse.ditto.json.JsonKey.of(ThingLayout.SUPPLEMENTARY_FILES))));
        if (described.isPresent() && described.get().isArray()) {
            for (final JsonValue entry : described.get().asArray()) {
                final String path = entry.isObject() ? entry.asObject().getValue("path").map(JsonValue::formatAsString)
                        .orElse("") : "";
                final Path stored = inside(filesFolder, path, source);
                if (Files.isRegularFile(stored)) {
                    try {
                        supplementary.add(SupplementaryFile.of(path, Files.readAllBytes(stored)));
                    } catch (IOException e) {
                        throw AasInputException.of(source, "supplementary file " + path, "cannot read "
                                + stored + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return MappedThing.of(thing, source, supplementary);
    }

    /** The file for a package path inside a folder, refusing paths that would leave it. */
    private static Path inside(final Path folder, final String packagePath, final String source) {
        final String relative = packagePath.startsWith("/") ? packagePath.substring(1) : packagePath;
        final Path resolved = folder.resolve(relative).normalize();
        if (relative.isEmpty() || !resolved.startsWith(folder.normalize())) {
            throw AasInputException.of(source, "supplementary file '" + packagePath + "'",
                    "path leaves the thing's file folder; refused");
        }
        return resolved;
    }


    private static void moveIn(final Path stage, final Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        try (DirectoryStream<Path> staged = Files.newDirectoryStream(stage)) {
            for (final Path entry : staged) {
                final Path destination = target.resolve(entry.getFileName().toString());
                if (Files.isDirectory(destination)) {
                    deleteRecursively(destination);
                }
                Files.move(entry, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static void deleteRecursively(final Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
