package io.twinloop.scheduling;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.twinloop.scheduling.instance.JobShopCorpus;

/** The shared job-shop corpus ({@code ../shared/corpus/jssp} from the repository); tests skip when it is absent. */
public final class Corpus {

    private Corpus() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolveSibling("shared").resolve("corpus").resolve("jssp");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "the job-shop corpus ../shared/corpus/jssp is not present: skipped");
        throw new IllegalStateException("unreachable");
    }

    public static JobShopCorpus corpus() {
        return JobShopCorpus.at(root());
    }
}
