package io.twinloop.aas.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.digitaltwin.aas4j.v3.model.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.corpus.SharedCorpus;
import io.twinloop.aas.environment.AasFormat;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentWriter;
import io.twinloop.aas.environment.EnvironmentReader;

/**
 * Import then export of every AAS file in the shared corpus gives back an environment equal to the original
 * (aas4j model equality; only the environment's own lists are compared without order). Prints one line per file.
 * Only files that are no AAS environment at all (the corpus has a few other JSON documents) may be refused.
 */
class CorpusRoundTripTest {

    @Test
    void everyCorpusFileSurvivesImportAndExport() throws Exception {
        final Path corpus = SharedCorpus.require("aas");
        final EnvironmentReader reader = EnvironmentReader.newInstance();
        final List<String> losses = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        int identical = 0;
        for (final Path file : SharedCorpus.aasFiles(corpus)) {
            final String name = corpus.relativize(file).toString();
            if (isJsonSchema(file)) {
                continue;
            }
            final AasPackage read;
            try {
                read = reader.read(file);
            } catch (AasInputException e) {
                System.out.println("REFUSED " + name + ": " + e.problem());
                if (!e.problem().startsWith("not an AAS")) {
                    refused.add(name + ": " + e.problem());
                }
                continue;
            }
            try {
                final Environment back = Environments.roundTrip(read).environment();
                final Environment original = Environments.normalized(read.environment());
                if (Environments.normalized(back).equals(original)) {
                    identical++;
                    System.out.printf("OK      %s (%s v%s: %d shells, %d submodels, %d concept descriptions, %d files)%n",
                            name, read.format(), read.version(), original.getAssetAdministrationShells().size(),
                            original.getSubmodels().size(), original.getConceptDescriptions().size(), read.files().size());
                } else {
                    losses.add(name + ": " + firstDifference(Environments.json(original),
                            Environments.json(Environments.normalized(back))));
                    System.out.println("LOSS    " + losses.get(losses.size() - 1));
                }
            } catch (RuntimeException e) {
                losses.add(name + ": " + e);
                System.out.println("FAILED  " + name + ": " + e);
            }
        }
        System.out.printf("corpus round trip: %d identical, %d with loss or failure, %d refused on read%n",
                identical, losses.size(), refused.size());
        assertThat(losses).as("files that did not survive import and export").isEmpty();
        assertThat(refused).as("AAS files in the corpus that the reader refused").isEmpty();
        assertThat(identical).isPositive();
    }

    /**
     * The AASX templates through the whole path a user takes: thing folder on disk (with the supplementary files
     * beside the things), then an AASX written again, whose environment and files must equal the original's.
     */
    @Test
    void everyCorpusAasxSurvivesThingFoldersAndRepackaging(@TempDir final Path tmp) throws Exception {
        final Path corpus = SharedCorpus.require("aas");
        final EnvironmentReader reader = EnvironmentReader.newInstance();
        final List<String> losses = new ArrayList<>();
        int identical = 0;
        int files = 0;
        for (final Path file : SharedCorpus.aasFiles(corpus)) {
            if (!file.toString().endsWith(".aasx")) {
                continue;
            }
            final String name = corpus.relativize(file).toString();
            final AasPackage read = reader.read(file);
            final Path things = tmp.resolve("things-" + identical + "-" + losses.size());
            ThingDirectory.write(ThingMapper.of(new MappingOptions("corpus", 0, true)).map(List.of(read)).things(),
                    things);
            final EnvironmentAssembler.Assembled assembled = EnvironmentAssembler.newInstance()
                    .assemble(ThingDirectory.read(things));
            final Path repackaged = tmp.resolve("repackaged.aasx");
            EnvironmentWriter.forVersion(read.version()).write(assembled.environment(), assembled.files(),
                    AasFormat.AASX, repackaged);
            final AasPackage back = reader.read(repackaged);
            final boolean same = Environments.normalized(back.environment())
                    .equals(Environments.normalized(read.environment()))
                    && new java.util.HashSet<>(back.files()).equals(new java.util.HashSet<>(read.files()));
            System.out.printf("%s %s (%d supplementary files)%n", same ? "OK     " : "LOSS   ", name, read.files().size());
            if (same) {
                identical++;
                files += read.files().size();
            } else {
                losses.add(name);
            }
        }
        System.out.printf("AASX through thing folders: %d identical with %d supplementary files, %d with loss%n",
                identical, files, losses.size());
        assertThat(losses).isEmpty();
        assertThat(identical).isPositive();
    }

    private static boolean isJsonSchema(final Path file) throws java.io.IOException {
        if (!file.toString().endsWith(".json")) {
            return false;
        }
        final String head = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
        return head.contains("\"$schema\"") && head.contains("\"$id\"");
    }

    private static String firstDifference(final String expected, final String actual) {
        int i = 0;
        while (i < expected.length() && i < actual.length() && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        final int from = Math.max(0, i - 80);
        return "first difference at character " + i + ": expected ..."
                + expected.substring(from, Math.min(expected.length(), i + 80)) + "... but was ..."
                + actual.substring(from, Math.min(actual.length(), i + 80)) + "...";
    }
}
