package io.twinloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.twinloop.ditto.guard.TrustedKeys;
import io.twinloop.ditto.guard.WriteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's step 2 (an agent's key pair made with OpenSSL) gives files the guard and the signing side read:
 * the public key trusted from the mounted folder, the private key signing with the same key id.
 */
class OperatorKeysTest {

    @Test
    void opensslMadeKeysAreWhatTheGuardTrustsAndTheAgentSignsWith(@TempDir final Path dir) throws Exception {
        assumeTrue(run(dir, "openssl", "version"), "openssl is not installed here: the README's key step is not checked");
        final Path agents = Files.createDirectories(dir.resolve("keys/agents"));
        assertThat(run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "optimizer.key")).isTrue();
        assertThat(run(dir, "openssl", "pkey", "-in", "optimizer.key", "-pubout", "-out",
                "keys/agents/optimizer.pub")).isTrue();
        Files.copy(agents.resolve("optimizer.pub"), dir.resolve("optimizer.pub"));

        final TrustedKeys trusted = TrustedKeys.fromDirectory(agents);
        final WriteSigner optimizer = WriteSigner.fromKeyDirectory(dir, "optimizer");
        assertThat(trusted.keyIds()).containsExactly(optimizer.keyId());
        assertThat(optimizer.keyId()).startsWith("optimizer:");
    }

    private static boolean run(final Path dir, final String... command) throws InterruptedException {
        try {
            final Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile())
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (final IOException e) {
            return false;
        }
    }
}
