package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failure paths of {@code twinloop plant}; the running plant itself is tested in the plant module. */
class PlantCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aBadSettingIsAUsageErrorNamingIt() {
        final CommandRun run = CommandRun.of("plant", "--port", "0", "--pki", tmp.resolve("pki").toString());
        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(run.err()).contains("port must be 1..65535, was 0");

        final CommandRun user = CommandRun.of("plant", "--user", "nopassword", "--pki", tmp.resolve("pki").toString());
        assertThat(user.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(user.err()).contains("--user must be NAME:PASSWORD");
    }

    @Test
    void aPortInUseIsRefusedWithTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            final CommandRun run = CommandRun.of("plant", "--port", Integer.toString(taken.getLocalPort()), "--pki",
                    tmp.resolve("pki").toString());
            assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
