package io.twinloop.cli.twin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

import io.twinloop.cli.TwinLoop;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.SearchQuery;
import io.twinloop.twin.client.TwinCommands;
import io.twinloop.twin.client.TwinEvents;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * The training run for the launcher's class-data archive (AppCDS): the {@code twinloop} script runs this once per
 * build under {@code -XX:ArchiveClassesAtExit}, so every later start maps the classes a twin server and its clients
 * load instead of reading, verifying and linking them again. About 7,000 classes (Pekko, Ditto's models, the
 * protocol adapter) made up most of a cold start's CPU time. Serves the requests a start-up and a client's first
 * minute make: a start on a data folder with things, HTTP reads, writes and search, WebSocket commands and events.
 */
@picocli.CommandLine.Command(name = "class-data-training", hidden = true,
        description = "Exercises the twin server so that the launcher can archive the classes it loads.")
public final class ClassDataTraining implements Callable<Integer> {

    private static final String USER = "training";

    @Override
    public Integer call() throws Exception {
        final Path data = Files.createTempDirectory("twinloop-class-data-training");
        try {
            final TwinServerConfig config = TwinServerConfig.of(data).withPort(0).withUser(USER, USER);
            try (TwinServer server = TwinServer.start(config).get(60, TimeUnit.SECONDS)) {
                exercise(server);
            }
            // a second start reads what the first one wrote: the snapshot and journal loading paths
            try (TwinServer server = TwinServer.start(config).get(60, TimeUnit.SECONDS);
                    DittoClient client = client(server)) {
                client.search(SearchQuery.all().namespaces(DemoPlant.NAMESPACE)).get(30, TimeUnit.SECONDS);
            }
            return TwinLoop.EXIT_OK;
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void exercise(final TwinServer server) throws Exception {
        try (DittoClient client = client(server)) {
            final PolicyTemplate policies = new PolicyTemplate("nginx:" + USER, "nginx:" + USER, "nginx:" + USER);
            new ThingPublisher(client, policies, new PrintWriter(new StringWriter()), false)
                    .publish(DemoPlant.things());
            final ThingId thingId = DemoPlant.things().get(0).thing().getEntityId().orElseThrow();
            final TwinPath parts = TwinPath.thing(thingId).property("OperationalData", JsonPointer.of("PartsProduced"));
            final CompletableFuture<ThingEvent<?>> event = new CompletableFuture<>();
            final TwinEvents events = client.subscribe(EventSubscription.all()
                    .filter("exists(features/OperationalData)"), event::complete).get(30, TimeUnit.SECONDS);
            try (TwinCommands commands = client.openCommands().get(30, TimeUnit.SECONDS)) {
                final RequestOptions persisted = RequestOptions.none().requestedAcks("twin-persisted");
                client.put(parts, JsonValue.of(1), persisted).get(30, TimeUnit.SECONDS);
                commands.modify(parts, JsonValue.of(2), persisted).get(30, TimeUnit.SECONDS);
                commands.retrieveThing(thingId, RequestOptions.none()).get(30, TimeUnit.SECONDS);
                event.get(30, TimeUnit.SECONDS);
            } finally {
                events.close();
            }
            client.retrieveThing(thingId).get(30, TimeUnit.SECONDS);
            client.count(SearchQuery.all().filter("gt(features/OperationalData/properties/PartsProduced,0)"))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static DittoClient client(final TwinServer server) {
        return DittoClient.builder(server.httpUri()).basicAuth(USER, USER).build();
    }
}
