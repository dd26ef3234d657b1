package io.twinloop.ditto.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

class ImpactRuleTest {

    private final ImpactRule rule = new ImpactRule(List.of(PathPattern.parse("/features/*/desiredProperties/Speed")));

    private boolean high(final Operation operation, final String path, final JsonValue value) {
        return rule.highImpactMatch(DesiredWrite.of("a:b", operation, JsonPointer.of(path), value).orElseThrow())
                .isPresent();
    }

    @Test
    void theLocationItselfAndInsideItAreHighImpact() {
        assertThat(high(Operation.MODIFY, "/features/Op/desiredProperties/Speed", JsonValue.of(1))).isTrue();
        assertThat(high(Operation.MERGE, "/features/Op/desiredProperties/Speed/unit", JsonValue.of("rpm"))).isTrue();
    }

    @Test
    void otherLocationsAreNot() {
        assertThat(high(Operation.MODIFY, "/features/Op/desiredProperties/Feed", JsonValue.of(1))).isFalse();
        assertThat(high(Operation.MERGE, "/features/Op/desiredProperties", JsonObject.of("{\"Feed\":2}"))).isFalse();
    }

    @Test
    void replacingAParentIsHighImpactBecauseItCanRemoveTheLocation() {
        assertThat(high(Operation.MODIFY, "/features/Op/desiredProperties", JsonObject.of("{\"Feed\":2}"))).isTrue();
        assertThat(high(Operation.DELETE, "/features/Op/desiredProperties", null)).isTrue();
    }

    @Test
    void aMergeSettingItFromAboveIsHighImpact() {
        assertThat(high(Operation.MERGE, "/", JsonObject.of(
                "{\"features\":{\"Op\":{\"desiredProperties\":{\"Speed\":3}}}}"))).isTrue();
    }

    @Test
    void badPatternsAreNamed() {
        assertThatThrownBy(() -> PathPattern.parse("features/x")).hasMessageContaining("features/x");
        assertThatThrownBy(() -> PathPattern.parse("/features//x")).hasMessageContaining("empty segment");
    }
}
