package io.twinloop.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.plant.line.LineLayout;

class DemoLinesTest {

    @Test
    void oneLineIsExactlyTheDemo() {
        final DemoLines demo = DemoLines.demo();
        assertThat(demo.layout()).isEqualTo(LineLayout.defaultLine());
        assertThat(demo.things()).extracting(MappedThing::thingId)
                .containsExactlyElementsOf(DemoPlant.things().stream().map(MappedThing::thingId).toList());
        assertThat(demo.machines()).containsEntry("cnc-1", ThingId.of("demo:CNC01")).hasSize(3);
    }

    @Test
    void furtherLinesCopyTheMachinesAndTheirWiring() {
        final DemoLines three = new DemoLines(3);

        assertThat(three.layout().stations()).hasSize(12)
                .extracting(LineLayout.Station::id).contains("press-3", "cnc-3", "robot-3", "conveyor-3");
        final Map<String, ThingId> machines = three.machines();
        assertThat(machines).hasSize(9).containsEntry("robot-2", ThingId.of("demo:Robot02"))
                .containsEntry("press-3", ThingId.of("demo:Press03"));

        final List<MappedThing> things = three.things();
        assertThat(things).hasSize(DemoPlant.things().size() + 6);
        final String aid = things.stream().filter(t -> t.thingId().equals("demo:CNC03")).findFirst().orElseThrow()
                .thing().toJson().getValue(JsonPointer.of("features/AssetInterfacesDescription")).orElseThrow()
                .toString();
        assertThat(aid).contains("s=cnc-3/").doesNotContain("s=cnc-1/");
    }

    @Test
    void aLineCountOutOfRangeIsRefusedNamingIt() {
        assertThatThrownBy(() -> new DemoLines(0)).hasMessageContaining("lines must be 1..99, was 0");
    }
}
