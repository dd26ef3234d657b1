package io.twinloop.aas.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.digitaltwin.aas4j.v3.dataformat.core.DeserializationException;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.core.SerializationException;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonDeserializer;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonSerializer;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;
import org.eclipse.digitaltwin.aas4j.v3.model.Identifiable;
import org.eclipse.ditto.things.model.ThingsModelFactory;

import io.twinloop.aas.environment.AasFormat;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.AasVersion;

/** Test helpers: the mapping in both directions, and environment comparison as the metamodel defines it. */
final class Environments {

    private Environments() {
    }

    static AasPackage packageOf(final Environment environment, final String source) {
        return AasPackage.of(source, AasFormat.JSON, AasVersion.V3_0, environment, List.of(), List.of());
    }

    /** Import, then every thing through its JSON text (as stored by Ditto or in a file), then export. */
    static EnvironmentAssembler.Assembled roundTrip(final AasPackage aasPackage) {
        final ImportResult imported = ThingMapper.of(new MappingOptions("test", 0, true)).map(List.of(aasPackage));
        final List<MappedThing> reread = new ArrayList<>();
        for (final MappedThing thing : imported.things()) {
            reread.add(MappedThing.of(ThingsModelFactory.newThing(thing.thing().toJsonString()),
                    thing.source(), thing.files()));
        }
        return EnvironmentAssembler.newInstance().assemble(reread);
    }

    /**
     * A copy with the environment's own lists in id order: the metamodel gives no order to an environment's
     * shells, submodels and concept descriptions. Everything below them keeps its order and is compared as is.
     */
    static Environment normalized(final Environment environment) {
        final Environment copy = copy(environment);
        copy.getAssetAdministrationShells().sort(Comparator.comparing(Identifiable::getId));
        copy.getSubmodels().sort(Comparator.comparing(Identifiable::getId));
        copy.getConceptDescriptions().sort(Comparator.comparing(Identifiable::getId));
        return copy;
    }

    static Environment copy(final Environment environment) {
        try {
            return new JsonDeserializer().read(new JsonSerializer().write(environment), Environment.class);
        } catch (SerializationException | DeserializationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(final Object aasObject) {
        try {
            return new JsonSerializer().write(aasObject);
        } catch (SerializationException e) {
            throw new IllegalStateException(e);
        }
    }
}
