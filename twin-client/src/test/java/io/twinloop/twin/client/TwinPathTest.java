package io.twinloop.twin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

class TwinPathTest {

    private static final ThingId ID = ThingId.of("org.acme:press-1");
    private static final TwinPath THING = TwinPath.thing(ID);

    @Test
    void rendersEveryResourceKindFromTheThingRoot() {
        assertThat(THING.toHttpPath()).isEqualTo("/api/2/things/org.acme:press-1");
        assertThat(THING.attributes().toHttpPath()).isEqualTo("/api/2/things/org.acme:press-1/attributes");
        assertThat(THING.attribute(JsonPointer.of("aas/idShort")).toHttpPath())
                .isEqualTo("/api/2/things/org.acme:press-1/attributes/aas/idShort");
        assertThat(THING.features().toHttpPath()).isEqualTo("/api/2/things/org.acme:press-1/features");
        assertThat(THING.feature("OperationalData").toHttpPath())
                .isEqualTo("/api/2/things/org.acme:press-1/features/OperationalData");
        assertThat(THING.properties("Op").toHttpPath()).isEqualTo("/api/2/things/org.acme:press-1/features/Op/properties");
        assertThat(THING.property("Op", JsonPointer.of("/a/b")).toHttpPath())
                .isEqualTo("/api/2/things/org.acme:press-1/features/Op/properties/a/b");
        assertThat(THING.desiredProperties("Op").toHttpPath())
                .isEqualTo("/api/2/things/org.acme:press-1/features/Op/desiredProperties");
        assertThat(THING.desiredProperty("Op", JsonPointer.of("speed")).toHttpPath())
                .isEqualTo("/api/2/things/org.acme:press-1/features/Op/desiredProperties/speed");
        assertThat(THING.definition().toHttpPath()).isEqualTo("/api/2/things/org.acme:press-1/definition");
        // Factories address from the root, whatever path they are called on.
        assertThat(THING.feature("x").attributes()).isEqualTo(THING.attributes());
    }

    @Test
    void percentEncodesIdsAndPointerSegments() {
        final TwinPath path = TwinPath.thing(ThingId.of("org.acme:line 1?#%+&="))
                .property("temp sensor", JsonPointer.of("/a?b/c#d"));
        assertThat(path.toHttpPath()).isEqualTo(
                "/api/2/things/org.acme:line%201%3F%23%25%2B%26%3D/features/temp%20sensor/properties/a%3Fb/c%23d");
        assertThat((Object) path.pointer()).isEqualTo(JsonPointer.of("/features/temp sensor/properties/a?b/c#d"));
    }

    @Test
    void rejectsAmbiguousArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> THING.feature("a/b"));
        assertThatIllegalArgumentException().isThrownBy(() -> THING.feature(""));
        assertThatIllegalArgumentException().isThrownBy(() -> THING.attribute(JsonPointer.empty()));
    }
}
