package io.twinloop.cli.ditto;

import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.connectivity.model.ConnectivityModelFactory;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;

import io.twinloop.ditto.hono.HonoConnectionDefinition;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinResponse;

/**
 * A tenant's Ditto Hono connection ({@link HonoConnectionDefinition}), through Ditto's documented connection
 * management, as the devops user: read with {@code GET /api/2/connections/{id}}; created with the devops piggyback
 * command {@code connectivity.commands:createConnection} ({@code POST /devops/piggyback/connectivity}), because
 * {@code POST /api/2/connections} would give it a generated id and TwinLoop's id must stay; changed with
 * {@code PUT /api/2/connections/{id}}.
 *
 * <p>Compared after reading both sides through Ditto's connectivity model (so the defaults Ditto fills in, e.g.
 * {@code clientCount}, {@code filters}, {@code enforcement}, render alike, and {@code _revision}, {@code _modified},
 * {@code _created} never count), on the top-level fields TwinLoop's definition has: fields only Ditto sets (a Hono
 * connection's {@code uri} and {@code credentials}, which its connectivity service takes from
 * {@code ditto.connectivity.hono.*}) do not count either. Connections have no revision precondition in Ditto's
 * API: a change made between plan and apply is overwritten.
 */
public final class ConnectionResource implements DittoResource {

    static final String PIGGYBACK = "/devops/piggyback/connectivity";

    private final DittoClient devops;
    private final HonoConnectionDefinition definition;

    public ConnectionResource(final DittoClient devops, final HonoConnectionDefinition definition) {
        this.devops = devops;
        this.definition = definition;
    }

    @Override
    public String kind() {
        return "connection";
    }

    @Override
    public String id() {
        return definition.connectionId();
    }

    public HonoConnectionDefinition definition() {
        return definition;
    }

    @Override
    public Plan plan() {
        final Optional<JsonObject> current = read();
        if (current.isEmpty()) {
            return plan(Change.CREATE);
        }
        return plan(sameConnection(current.get(), definition.connection()) ? Change.NONE : Change.UPDATE);
    }

    /** Whether Ditto's connection is TwinLoop's definition, compared as the class comment says. */
    static boolean sameConnection(final JsonObject held, final JsonObject defined) {
        final JsonObject wanted = normalized(defined, "TwinLoop's connection definition");
        final JsonObject have = normalized(held, "Ditto's connection " + defined.getValue("id").orElse(null));
        // the definition's own top-level fields: the model renders e.g. a "uri" for a Hono connection too, which
        // Ditto's connectivity service fills from its configuration
        final JsonObjectBuilder wantedFields = JsonObject.newBuilder();
        final JsonObjectBuilder haveFields = JsonObject.newBuilder();
        for (final JsonField field : defined) {
            wanted.getValue(field.getKey()).ifPresent(v -> wantedFields.set(field.getKey(), v));
            have.getValue(field.getKey()).ifPresent(v -> haveFields.set(field.getKey(), v));
        }
        return haveFields.build().equals(wantedFields.build());
    }

    private static JsonObject normalized(final JsonObject connection, final String what) {
        try {
            return ConnectivityModelFactory.connectionFromJson(connection).toJson();
        } catch (RuntimeException e) {
            throw new ProvisionException(what + " is no connection Ditto's connectivity model reads: "
                    + e.getMessage(), e);
        }
    }

    private Plan plan(final Change change) {
        return new Plan() {
            @Override
            public Change change() {
                return change;
            }

            @Override
            public void apply() {
                switch (change) {
                    case CREATE -> create();
                    case UPDATE -> update();
                    default -> { }
                }
            }
        };
    }

    private Optional<JsonObject> read() {
        try {
            final TwinResponse response = devops.request("GET", "/api/2/connections/"
                    + PolicyResource.pathSegment(id()), null, RequestOptions.none()).join();
            return Optional.of(response.body().filter(JsonValue::isObject).map(JsonValue::asObject)
                    .orElseThrow(() -> new ProvisionException("reading connection " + id()
                            + ": Ditto answered no connection JSON")));
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotFoundException) {
                return Optional.empty();
            }
            throw ProvisionException.of("reading connection " + id(), e);
        }
    }

    private void create() {
        final JsonObject command = JsonObject.newBuilder()
                .set("targetActorSelection", "/system/sharding/connection")
                .set("headers", JsonObject.newBuilder().set("aggregate", false).set("is-group-topic", false).build())
                .set("piggybackCommand", JsonObject.newBuilder()
                        .set("type", "connectivity.commands:createConnection")
                        .set("connection", definition.connection())
                        .build())
                .build();
        final TwinResponse response;
        try {
            response = devops.request("POST", PIGGYBACK, command, RequestOptions.none()).join();
        } catch (CompletionException e) {
            throw ProvisionException.of("creating connection " + id(), e);
        }
        // a piggyback answer carries the command's own status; an error there may come with an HTTP 2xx
        final Optional<JsonObject> body = response.body().filter(JsonValue::isObject).map(JsonValue::asObject);
        final int status = body.flatMap(b -> b.getValue("status")).filter(JsonValue::isNumber).map(JsonValue::asInt)
                .orElse(response.statusCode());
        if (status >= 300) {
            throw new ProvisionException("creating connection " + id() + ": Ditto answered " + status + ": "
                    + body.map(JsonObject::toString).orElse("(no body)") + " [POST " + PIGGYBACK + "]");
        }
    }

    private void update() {
        try {
            devops.request("PUT", "/api/2/connections/" + PolicyResource.pathSegment(id()), definition.connection(),
                    RequestOptions.none()).join();
        } catch (CompletionException e) {
            throw ProvisionException.of("updating connection " + id(), e);
        }
    }
}
