package io.twinloop.optimizer.sequencing;

import static io.twinloop.optimizer.sequencing.QueueViews.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.audit.ChainVerifier;
import io.twinloop.audit.TrustedKeys;
import io.twinloop.optimizer.TwinLine;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.optimizer.service.OptimizerService;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * The scheduling agent in the service against the embedded twin server over real sockets, as the optimizer's
 * least-privilege user: the press's job queue and the plant's clock are in the twins; the CNC downstream fails; the
 * optimizer writes the press's desired {@code JobSequence}, conditional on the revision it decided on.
 */
class SequencingServiceTest {

    private static final ThingId PRESS = TwinLine.PRESS;
    private static final ThingId CNC = TwinLine.CNC;

    @TempDir
    Path tmp;

    private TwinLine line;
    private OptimizerService service;

    @Test
    void aFailureEventLeadsToAConditionalDesiredJobSequenceWrite() throws Exception {
        line = TwinLine.start(tmp.resolve("twins"));
        setOperational(PRESS, "JobQueue", QueueViews.pressQueue());
        setOperational(CNC, "JobQueue", JsonArray.empty());
        setOperational(PRESS, "SimulationTime", JsonValue.of(T0.toString()));
        final SequencingAgent agent = new SequencingAgent(SequencingSettings.defaults().withLine(PRESS, CNC)
                .withCycleTime(PRESS, Duration.ofSeconds(60)).withCycleTime(CNC, Duration.ofSeconds(60)),
                SurrogateModel.Settings.defaults());
        final OptimizerConfig defaults = OptimizerConfig.defaults(tmp.resolve("optimizer"));
        final OptimizerConfig config = new OptimizerConfig(new TwinScope(List.of("line"), Optional.empty()),
                defaults.goal(), ImpactPolicy.defaults(), false, defaults.minImprovement(), Duration.ofMillis(50),
                defaults.ackTimeout(), defaults.decisionLog(), defaults.keyDirectory(), defaults.agentName(),
                agent.settings(), defaults.whatIf(), defaults.quality());
        service = OptimizerService.start(config, line.optimizer(), List.of(agent), new DeliveryCostModel(
                new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25), agent.floor()))
                .get(60, TimeUnit.SECONDS);
        TwinLine.await("a first decision on the running line", () -> service.statistics().decisions() > 0);
        assertThat(desiredSequence()).isEmpty();
        final long pressRevision = line.owner().retrieve(TwinPath.thing(PRESS), RequestOptions.none()).join()
                .revision().orElseThrow();

        setOperational(CNC, "State", JsonValue.of("FAILED"));

        TwinLine.await("the press's desired job sequence", () -> desiredSequence().isPresent());
        final List<String> written = desiredSequence().orElseThrow();
        assertThat(written).containsExactlyInAnyOrderElementsOf(QueueViews.JOBS);
        assertThat(written.subList(0, 3)).containsExactlyInAnyOrder("J3", "J4", "J5");
        TwinLine.await("the write is counted", () -> service.statistics().dispatched() >= 1);

        service.close();
        service = null;
        assertThat(new ChainVerifier(TrustedKeys.fromDirectory(config.keyDirectory())).verify(config.decisionLog())
                .findings()).isEmpty();
        final String log = Files.readString(config.decisionLog());
        assertThat(log).contains("\"disposition\":\"DISPATCH\"").contains("re-sequence line:Press01 [")
                .contains("\"thingId\":\"line:Press01\",\"status\":\"WRITTEN\",\"basedOnRevision\":" + pressRevision);
    }

    private void setOperational(final ThingId id, final String property, final JsonValue value) {
        line.owner().putFeatureProperty(id, "OperationalData", JsonPointer.of(property), value,
                RequestOptions.none()).join();
    }

    private Optional<List<String>> desiredSequence() {
        return TwinLine.desiredOperationalValue(line.owner(), PRESS, "JobSequence").filter(JsonValue::isArray)
                .map(v -> v.asArray().stream().map(JsonValue::asString).toList());
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (line != null) {
            line.close();
        }
    }
}
