package io.twinloop.twin.server.wot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.typesafe.config.ConfigFactory;

/** The WoT settings read with Ditto's keys from {@code twinloop-wot.conf}, and what a wrong value says. */
class WotConfigTest {

    @Test
    void classPathGivesDittosDefaultsExceptForNonModeledFeatures() {
        // (run without the THINGS_WOT_* and TWINLOOP_WOT_* variables set, as the build does)
        assertThat(WotConfig.fromClassPath())
                .isEqualTo(WotConfig.defaults().withNonModeledFeaturesForbidden(false));
    }

    @Test
    void dittosKeysAreRead() {
        final WotConfig config = WotConfig.fromConfig(ConfigFactory.parseString("""
                ditto.things.wot.tm-model-validation.feature.enforce.desired-properties = false
                ditto.things.wot.tm-model-validation.thing.forbid.non-modeled-attributes = false
                twinloop.wot.models-directory = "site/models"
                twinloop.wot.fetch-timeout = 3s
                """).withFallback(ConfigFactory.parseResources(WotConfig.CONF_RESOURCE)).resolve());
        assertThat(config.enforceDesiredProperties()).isFalse();
        assertThat(config.forbidNonModeledAttributes()).isFalse();
        assertThat(config.enforceProperties()).isTrue();
        assertThat(config.modelsDirectory()).isEqualTo(Optional.of(Path.of("site/models")));
        assertThat(config.fetchTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aWrongValueNamesItsKey() {
        assertThatThrownBy(() -> WotConfig.fromConfig(ConfigFactory.parseString(
                "ditto.things.wot.tm-model-validation.enabled = perhaps")
                .withFallback(ConfigFactory.parseResources(WotConfig.CONF_RESOURCE)).resolve()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WoT validation configuration")
                .hasMessageContaining("enabled");
    }
}
