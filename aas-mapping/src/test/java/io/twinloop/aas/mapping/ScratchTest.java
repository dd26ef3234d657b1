package io.twinloop.aas.mapping;

import java.nio.file.*;
import org.junit.jupiter.api.Test;
import io.twinloop.aas.environment.*;

class ScratchTest {
    @Test
    void dump() throws Exception {
        var read = EnvironmentReader.newInstance().read(Path.of(System.getProperty("aasfile")));
        Files.writeString(Path.of("/tmp/a.json"), Environments.json(Environments.normalized(read.environment())));
        try {
            var back = Environments.roundTrip(read).environment();
            Files.writeString(Path.of("/tmp/b.json"), Environments.json(Environments.normalized(back)));
        } catch (RuntimeException e) { e.printStackTrace(); }
    }
}
