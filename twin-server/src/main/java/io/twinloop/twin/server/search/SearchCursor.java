package io.twinloop.twin.server.search;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeExceptionBuilder;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonCollectors;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.thingsearch.model.Option;
import org.eclipse.ditto.thingsearch.model.SortOption;
import org.eclipse.ditto.thingsearch.model.signals.commands.exceptions.InvalidOptionException;

/**
 * An opaque search cursor as Ditto's {@code ThingsSearchCursor} builds it: the query's filter, namespaces and
 * (completed) sort option plus the sort values of the last item returned, as JSON ({@code F}, {@code N}, {@code S},
 * {@code V}), deflated and base64url-encoded without padding. The next page starts strictly after those values.
 *
 * @param filter the filter of the query that produced the cursor (null: none)
 * @param namespaces its namespaces (null: all)
 * @param sort its sort option, always ending with {@code thingId}
 * @param values the sort values of the last item, one per sort entry ({@code null} for a missing value)
 */
record SearchCursor(String filter, Set<String> namespaces, SortOption sort, JsonArray values) {

    private static final String F = "F";
    private static final String N = "N";
    private static final String S = "S";
    private static final String V = "V";

    String encode() {
        final JsonObjectBuilder json = JsonFactory.newObjectBuilder();
        if (filter != null) {
            json.set(F, filter);
        }
        if (namespaces != null) {
            json.set(N, new TreeSet<>(namespaces).stream().map(JsonValue::of).collect(JsonCollectors.valuesToArray()));
        }
        json.set(S, OptionParser.unparse(sort)).set(V, values);
        final Deflater deflater = new Deflater();
        deflater.setInput(json.build().toString().getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[512];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /** @throws InvalidOptionException as Ditto does, without explanation, for anything not decodable */
    static SearchCursor decode(final String cursor) {
        try {
            final Inflater inflater = new Inflater();
            inflater.setInput(Base64.getUrlDecoder().decode(cursor));
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final byte[] buffer = new byte[512];
            while (!inflater.finished()) {
                final int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, n);
            }
            inflater.end();
            final JsonObject json = JsonFactory.newObject(out.toString(StandardCharsets.UTF_8));
            final List<Option> sortOptions = OptionParser.parse(json.getValueOrThrow(
                    JsonFactory.newStringFieldDefinition(S)));
            final JsonArray values = json.getValueOrThrow(JsonFactory.newJsonArrayFieldDefinition(V));
            if (sortOptions.size() != 1 || !(sortOptions.get(0) instanceof SortOption sort)
                    || sort.getSize() != values.getSize()) {
                throw invalid().build();
            }
            return new SearchCursor(json.getValue(JsonFactory.newStringFieldDefinition(F)).orElse(null),
                    json.getValue(JsonFactory.newJsonArrayFieldDefinition(N))
                            .map(a -> a.stream().map(JsonValue::asString).collect(Collectors.toSet()))
                            .orElse(null),
                    sort, values);
        } catch (final InvalidOptionException e) {
            throw e;
        } catch (final RuntimeException | DataFormatException e) {
            throw invalid().build();
        }
    }

    /** Ditto's message for every cursor problem; the description says which, where Ditto says it. */
    static DittoRuntimeExceptionBuilder<InvalidOptionException> invalid() {
        return InvalidOptionException.newBuilder().message("The option 'cursor' is not valid for the search request.");
    }
}
