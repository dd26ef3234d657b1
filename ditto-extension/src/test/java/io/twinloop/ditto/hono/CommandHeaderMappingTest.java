package io.twinloop.ditto.hono;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.connectivity.model.ConnectivityModelFactory;
import org.eclipse.ditto.connectivity.model.Target;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.placeholders.ExpressionResolver;
import org.eclipse.ditto.placeholders.PlaceholderFactory;
import org.eclipse.ditto.placeholders.PlaceholderFilter;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;
import org.eclipse.ditto.protocol.placeholders.TopicPathPlaceholder;
import org.junit.jupiter.api.Test;

import io.twinloop.ditto.hono.DittoJavaScriptMapping.ExternalMessage;

/**
 * The command's name survives Ditto's target header mapping. Ditto applies a target's header mapping after the
 * outgoing script: each entry is resolved with Ditto's placeholders against the event (its Ditto headers, its topic),
 * a resolved entry replaces the script's header of that name, an unresolved one is left out (Ditto 3.8.0
 * {@code OutboundSignalToExternalMessage}: {@code PlaceholderFilter.applyOrElseDelete} per entry, then
 * {@code withAdditionalHeaders}). That step is reproduced here with Ditto's own placeholder library (3.8.0).
 */
class CommandHeaderMappingTest {

    private static Map<String, String> afterHeaderMapping(final Map<String, String> scriptHeaders,
            final Map<String, String> headerMapping, final Map<String, String> eventHeaders, final TopicPath topic) {
        final ExpressionResolver resolver = PlaceholderFactory.newExpressionResolver(
                PlaceholderFactory.newPlaceholderResolver(PlaceholderFactory.newHeadersPlaceholder(), eventHeaders),
                PlaceholderFactory.newPlaceholderResolver(TopicPathPlaceholder.getInstance(), topic));
        final Map<String, String> result = new HashMap<>(scriptHeaders);
        headerMapping.forEach((name, template) -> PlaceholderFilter.applyOrElseDelete(template, resolver)
                .ifPresent(value -> result.put(name, value)));
        return result;
    }

    @Test
    void theScriptsSubjectStaysWithTheGeneratedMappingAndWouldBeLostWithDittosDefault() {
        final HonoConnectionDefinition definition = HonoConnectionDefinition.forTenant("twinloop",
                List.of(HonoDevicesForTests.press()), HonoConnectionSettings.defaults());
        final Target target = ConnectivityModelFactory.connectionFromJson(definition.connection()).getTargets().get(0);
        final JsonObject event = JsonObject.of("{\"topic\":\"demo/Press01/things/twin/events/merged\",\"path\":\"/\","
                + "\"headers\":{\"correlation-id\":\"decision-42\"},\"value\":{\"features\":{\"Setpoints\":"
                + "{\"desiredProperties\":{\"Force\":40}}}},\"revision\":3}");
        final ExternalMessage command = DittoJavaScriptMapping.of(definition).outgoing(event).get(0);
        final TopicPath topic = ProtocolFactory.newTopicPath("demo/Press01/things/twin/events/merged");
        final Map<String, String> eventHeaders = Map.of("correlation-id", "decision-42");

        final Map<String, String> sent = afterHeaderMapping(command.headers(), target.getHeaderMapping().getMapping(),
                eventHeaders, topic);
        assertThat(sent).containsEntry("subject", "force").containsEntry("device_id", "demo:Press01");

        // what Ditto's Hono connection adds when the target has no subject entry of its own
        final Map<String, String> dittoDefault = Map.of("subject",
                "{{ header:subject | fn:default(topic:action-subject) }}");
        assertThat(afterHeaderMapping(command.headers(), dittoDefault, eventHeaders, topic))
                .containsEntry("subject", "merged");
        // and a writer's own subject header would win over the script's (none of TwinLoop's writers sets one)
        assertThat(afterHeaderMapping(command.headers(), target.getHeaderMapping().getMapping(),
                Map.of("subject", "other"), topic)).containsEntry("subject", "other");
        assertThat(Optional.ofNullable(command.headers().get("subject"))).contains("force");
    }
}
