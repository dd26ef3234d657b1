package io.twinloop.ditto.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.typesafe.config.ConfigFactory;

class GuardConfigTest {

    private final TestKeys keys = new TestKeys();

    private static GuardConfig parse(final String hocon) {
        return GuardConfig.fromConfig(ConfigFactory.parseString(hocon).resolve());
    }

    @Test
    void defaultsAreSafeAndDocumented() {
        final GuardConfig config = parse("");
        assertThat(config.enabled()).isTrue();
        assertThat(config.agentSubjects()).isEmpty();
        assertThat(config.otherSubjects()).isEqualTo(GuardConfig.OtherSubjects.ALLOW);
        assertThat(config.maxValueBytes()).isEqualTo(65_536);
        assertThat(config.impactRule().highImpact()).isEmpty();
    }

    @Test
    void hoconObjectsAndListsWorkAsWellAsEnvironmentStrings() {
        final GuardConfig config = parse("agent-subjects { optimizer = [\"pre:optimizer\", \"nginx:opt\"] }\n"
                + "high-impact-paths = [\"/features/*/desiredProperties/Speed\"]\n"
                + "agent-keys { optimizer = \"" + keys.publicBase64("optimizer") + "\" }");
        assertThat(config.agentSubjects()).isEqualTo(Map.of("optimizer", Set.of("pre:optimizer", "nginx:opt")));
        assertThat(config.impactRule().highImpact())
                .containsExactly(PathPattern.parse("/features/*/desiredProperties/Speed"));
        assertThat(config.agentKeys().keyIds()).containsExactly(keys.signer("optimizer").keyId());
        assertThat(config.agentOf(List.of("nginx:someone", "nginx:opt"))).contains("optimizer");
        assertThat(config.agentOf(List.of("nginx:someone"))).isEmpty();
    }

    @Test
    void badValuesAreNamed(@TempDir final Path dir) {
        assertThatThrownBy(() -> parse("other-subjects = maybe"))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("other-subjects").hasMessageContaining("maybe");
        assertThatThrownBy(() -> parse("agent-subjects = \"optimizer\""))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("agent-subjects entry 'optimizer'");
        assertThatThrownBy(() -> parse("agent-keys-directory = \"" + dir.resolve("missing") + "\""))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> parse("agent-keys { optimizer = \"@@@\" }"))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("agent-keys.optimizer");
        assertThatThrownBy(() -> parse("high-impact-paths = \"features/x\""))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("features/x");
        assertThatThrownBy(() -> parse("max-value-bytes = -1"))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("max-value-bytes");
        assertThatThrownBy(() -> parse("max-validity = soon"))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("max-validity");
    }
}
