package io.twinloop.scenarios;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON objects for scenario variants. */
final class JsonObjects {

    private JsonObjects() {
    }

    static ObjectNode of(final Object... keysAndValues) {
        final ObjectNode node = ScenarioFiles.JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], ScenarioFiles.JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }
}
