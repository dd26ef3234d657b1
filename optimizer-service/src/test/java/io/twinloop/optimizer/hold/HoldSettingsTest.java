package io.twinloop.optimizer.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The hold settings refuse what would make holds wrong, naming it. */
class HoldSettingsTest {

    @Test
    void defaultsAreAShiftForEveryoneButTheOptimizer() {
        assertThat(HoldSettings.defaults().holdTime()).isEqualTo(Duration.ofHours(8));
        assertThat(HoldSettings.defaults().agentSubjects()).containsExactly("nginx:optimizer");
        assertThat(HoldSettings.off().enabled()).isFalse();
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        assertThatThrownBy(() -> HoldSettings.defaults().withHoldTime(Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holdTime").hasMessageContaining("PT-1H");
        assertThatThrownBy(() -> HoldSettings.defaults().withAgentSubjects(Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agentSubjects")
                .hasMessageContaining("hold themselves");
        assertThatThrownBy(() -> HoldSettings.defaults().withAgentSubjects(Set.of("optimizer")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'optimizer'")
                .hasMessageContaining("<issuer>:<subject>");
        assertThat(HoldSettings.off().withAgentSubjects(Set.of()).enabled()).as("no holds need no subjects").isFalse();
    }
}
