package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPricesTest {

    @TempDir
    Path tmp;

    @Test
    void aBadPriceFileIsRefusedBeforeAnythingStarts() throws IOException {
        final Path prices = tmp.resolve("prices.csv");
        Files.writeString(prices, "time,eur_per_kwh\n2026-11-22T00:00:00Z,0.21\n2026-11-22T01:00:00Z,cheap\n");

        final CommandRun run = CommandRun.of("demo", "--prices", prices.toString(), "--data",
                tmp.resolve("data").toString(), "--port", "0");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("prices.csv:3:").contains("cheap");
        assertThat(tmp.resolve("data")).doesNotExist();
    }
}
