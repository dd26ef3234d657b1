package io.twinloop.scheduling.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.twinloop.scheduling.jobshop.JobShop;

/**
 * The team's job-shop corpus folder ({@code ../shared/corpus/jssp}): instances by name from
 * {@code jsplib/instances/NAME} (standard format) and best known values from {@code optima.csv}.
 */
public final class JobShopCorpus {

    private final Path root;
    private final Map<String, BestKnown> bestKnown;

    private JobShopCorpus(final Path root, final Map<String, BestKnown> bestKnown) {
        this.root = root;
        this.bestKnown = bestKnown;
    }

    /**
     * @throws IllegalArgumentException when the folder lacks {@code optima.csv} or {@code jsplib/instances}
     */
    public static JobShopCorpus at(final Path root) {
        final Path optima = root.resolve("optima.csv");
        if (!Files.isRegularFile(optima) || !Files.isDirectory(root.resolve("jsplib").resolve("instances"))) {
            throw new IllegalArgumentException(root + " is not a job-shop corpus: it needs optima.csv and jsplib/instances/");
        }
        return new JobShopCorpus(root, BestKnown.readCsv(optima));
    }

    public Path root() {
        return root;
    }

    /**
     * @throws IllegalArgumentException when there is no such instance file
     */
    public JobShop load(final String name) {
        final Path file = root.resolve("jsplib").resolve("instances").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no instance '" + name + "' in " + file.getParent());
        }
        return StandardFormat.read(file);
    }

    public Optional<BestKnown> bestKnown(final String name) {
        return BestKnown.find(bestKnown, name);
    }
}
