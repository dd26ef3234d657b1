package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/2/search/things} and {@code /count} over real sockets, against 60 things in two namespaces. */
class SearchTest extends ServerTestSupport {

    private static final int THINGS = 60;

    /** org.a:m-00..m-39 and org.b:m-40..m-59; n = 59 - i (missing for every 10th); spindle speed = i * 10. */
    @BeforeEach
    void createThings() throws Exception {
        for (int i = 0; i < THINGS; i++) {
            final String attributes = "{\"location\":\"" + (i % 3 == 0 ? "hall 1" : "hall 2") + "\",\"name\":\"machine-"
                    + i + "\"" + (i % 10 == 0 ? "" : ",\"n\":" + (59 - i)) + (i == 7 ? ",\"optional\":true" : "")
                    + "}";
            final var response = put(id(i), "{\"attributes\":" + attributes
                    + ",\"features\":{\"spindle\":{\"properties\":{\"speed\":" + (i * 10) + "}}}}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    private static String id(final int i) {
        return (i < 40 ? "org.a" : "org.b") + ":m-" + String.format("%02d", i);
    }

    private HttpResponse<String> search(final String path, final String... params) throws Exception {
        final StringBuilder query = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            query.append(query.length() == 0 ? "?" : "&").append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/api/2/search/things" + path + query))
                .timeout(Duration.ofSeconds(30)).header("Authorization", basic(USER, PASSWORD)).GET().build());
    }

    private JsonObject ok(final HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> ids(final JsonObject result) {
        return result.getValue("items").orElseThrow().asArray().stream()
                .map(v -> v.asObject().getValue("thingId").orElseThrow().asString())
                .toList();
    }

    private List<String> all(final String... params) throws Exception {
        final List<String> p = new ArrayList<>(List.of(params));
        p.add("option");
        p.add("size(200)");
        return ids(ok(search("", p.toArray(String[]::new))));
    }

    private long count(final String filter) throws Exception {
        final var response = search("/count", "filter", filter);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Long.parseLong(response.body());
    }

    private static List<String> ids(final java.util.function.IntPredicate matching) {
        return IntStream.range(0, THINGS).filter(matching).mapToObj(SearchTest::id).toList();
    }

    @Test
    void filtersOnAttributesAndFeaturePropertiesWithDittosRql() throws Exception {
        assertThat(all("filter", "eq(attributes/location,\"hall 1\")")).isEqualTo(ids(i -> i % 3 == 0));
        assertThat(all("filter", "gt(features/spindle/properties/speed,500)")).isEqualTo(ids(i -> i > 50));
        assertThat(all("filter", "like(attributes/name,\"machine-1*\")"))
                .isEqualTo(ids(i -> String.valueOf(i).startsWith("1")));
        assertThat(all("filter", "exists(attributes/optional)")).containsExactly(id(7));
        assertThat(all("filter", "and(eq(attributes/location,\"hall 1\"),lt(features/spindle/properties/speed,100))"))
                .isEqualTo(ids(i -> i % 3 == 0 && i < 10));
        assertThat(all("filter", "or(eq(thingId,\"org.a:m-05\"),ge(attributes/n,57))"))
                .isEqualTo(ids(i -> i == 5 || (i % 10 != 0 && 59 - i >= 57)));
        assertThat(all("filter", "not(exists(attributes/n))")).isEqualTo(ids(i -> i % 10 == 0));
        // several filter parameters are and-ed, as in Ditto's gateway
        assertThat(all("filter", "eq(attributes/location,\"hall 1\")", "filter", "gt(attributes/n,50)"))
                .isEqualTo(ids(i -> i % 3 == 0 && i % 10 != 0 && 59 - i > 50));
        assertThat(count("eq(attributes/location,\"hall 2\")")).isEqualTo(40);
    }

    @Test
    void countIsAPlainNumber() throws Exception {
        final var response = search("/count");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("60");
        assertThat(search("/count", "namespaces", "org.b").body()).isEqualTo("20");
    }

    @Test
    void namespacesRestrictTheSearch() throws Exception {
        assertThat(all("namespaces", "org.b")).isEqualTo(ids(i -> i >= 40));
        assertThat(all("namespaces", "org.a,org.b")).hasSize(THINGS);
        assertThat(all("namespaces", "org.c")).isEmpty();
        assertThat(all("namespaces", "org.b", "filter", "lt(attributes/n,5)")).isEqualTo(ids(i -> i > 54));
    }

    @Test
    void fieldsSelectWhatTheItemsContain() throws Exception {
        final JsonObject result = ok(search("", "filter", "eq(thingId,\"org.a:m-01\")",
                "fields", "thingId,attributes/n,features/*/properties/speed"));
        assertThat(result.getValue("items").orElseThrow().asArray()).containsExactly(JsonObject.of(
                "{\"thingId\":\"org.a:m-01\",\"attributes\":{\"n\":58},"
                        + "\"features\":{\"spindle\":{\"properties\":{\"speed\":10}}}}"));
        // as in Ditto: without thingId in the selector the items do not carry it
        final JsonObject noId = ok(search("", "filter", "eq(thingId,\"org.a:m-01\")", "fields", "attributes/name"));
        assertThat(noId.getValue("items").orElseThrow().asArray())
                .containsExactly(JsonObject.of("{\"attributes\":{\"name\":\"machine-1\"}}"));
    }

    @Test
    void defaultPageIs25SortedByThingIdWithOffsetAndCursor() throws Exception {
        final JsonObject first = ok(search(""));
        assertThat(ids(first)).isEqualTo(ids(i -> i < 25));
        assertThat(first.getValue("nextPageOffset")).contains(JsonValue.of(25));
        assertThat(first.getValue("cursor")).isPresent();
        // a full page of everything: Ditto's -1 offset, no cursor
        final JsonObject rest = ok(search("", "namespaces", "org.b"));
        assertThat(rest.getValue("nextPageOffset")).contains(JsonValue.of(-1));
        assertThat(rest.getValue("cursor")).isEmpty();
        assertThat(rest.getValue("items").orElseThrow().asArray().get(0).orElseThrow().asObject())
                .isEqualTo(json(get(id(40))));
    }

    private List<String> pageThrough(final String sort, final int size, final String... params) throws Exception {
        final List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            final List<String> p = new ArrayList<>(List.of(params));
            p.add("option");
            p.add((sort == null ? "" : sort + ",") + "size(" + size + ")" + (cursor == null ? "" : ",cursor(" + cursor + ")"));
            final JsonObject page = ok(search("", p.toArray(String[]::new)));
            assertThat(page.getValue("nextPageOffset")).as("no offset with size").isEmpty();
            final List<String> ids = ids(page);
            assertThat(ids.size()).isLessThanOrEqualTo(size);
            seen.addAll(ids);
            cursor = page.getValue("cursor").map(JsonValue::asString).orElse(null);
            if (cursor == null) {
                return seen;
            }
            assertThat(ids).hasSize(size);
        }
        throw new AssertionError("no end of paging");
    }

    @Test
    void sizeAndCursorPageThroughEverythingWithoutDuplicatesOrGaps() throws Exception {
        final List<String> paged = pageThrough(null, 7);
        assertThat(paged).isEqualTo(ids(i -> true));
        assertThat(new HashSet<>(paged)).hasSize(THINGS);
        assertThat(pageThrough(null, 20)).isEqualTo(ids(i -> true)); // exactly 3 full pages
        // namespaces and filter travel with the cursor
        assertThat(pageThrough(null, 4, "namespaces", "org.b", "filter", "exists(attributes/n)"))
                .isEqualTo(ids(i -> i >= 40 && i % 10 != 0));
    }

    @Test
    void sortsByAnAttributeBothWaysAndByThingId() throws Exception {
        // n = 59 - i, missing for every 10th: missing values first ascending, last descending (MongoDB's order)
        final Comparator<Integer> byN = Comparator.comparing((Integer i) -> i % 10 == 0 ? Integer.MIN_VALUE : 59 - i)
                .thenComparing(SearchTest::id);
        final List<String> ascending = IntStream.range(0, THINGS).boxed().sorted(byN).map(SearchTest::id).toList();
        final List<String> descending = IntStream.range(0, THINGS).boxed()
                .sorted(Comparator.comparing((Integer i) -> i % 10 == 0 ? Integer.MIN_VALUE : 59 - i).reversed()
                        .thenComparing(SearchTest::id))
                .map(SearchTest::id).toList();
        assertThat(ids(ok(search("", "option", "sort(+attributes/n),size(200)")))).isEqualTo(ascending);
        assertThat(ids(ok(search("", "option", "sort(-attributes/n),size(200)")))).isEqualTo(descending);
        assertThat(ids(ok(search("", "option", "sort(-thingId),size(200)"))))
                .isEqualTo(ids(i -> true).stream().sorted(Comparator.reverseOrder()).toList());
        // strings: by location, then thing id
        assertThat(ids(ok(search("", "option", "sort(-attributes/location,-thingId),size(3)"))))
                .containsExactly(id(59), id(58), id(56));
        // paging with a sort keeps the order
        assertThat(pageThrough("sort(-attributes/n)", 9)).isEqualTo(descending);
        assertThat(pageThrough("sort(+attributes/location,-attributes/n)", 11)).isEqualTo(
                IntStream.range(0, THINGS).boxed()
                        .sorted(Comparator.comparing((Integer i) -> i % 3 == 0 ? 0 : 1)
                                .thenComparing(Comparator.comparing(
                                        (Integer i) -> i % 10 == 0 ? Integer.MIN_VALUE : 59 - i).reversed())
                                .thenComparing(SearchTest::id))
                        .map(SearchTest::id).toList());
    }

    @Test
    void limitIsDittosDeprecatedOffsetPaging() throws Exception {
        final JsonObject page = ok(search("", "option", "limit(10,5)"));
        assertThat(ids(page)).isEqualTo(ids(i -> i >= 10 && i < 15));
        assertThat(page.getValue("nextPageOffset")).contains(JsonValue.of(15));
        assertThat(page.getValue("cursor")).isEmpty();
    }

    @Test
    void invalidFilterOptionOrCursorIs400WithDittosError() throws Exception {
        for (final String filter : List.of("eq(attributes/location", "foo(attributes/x,1)", "eq(attributes/x)")) {
            final var response = search("", "filter", filter);
            assertThat(response.statusCode()).as(filter).isEqualTo(400);
            assertThat(error(response)).isEqualTo("rql.expression.invalid");
            assertThat(json(response).getValue("status")).contains(JsonValue.of(400));
        }
        assertThat(error(search("/count", "filter", "and(")))
                .isEqualTo("rql.expression.invalid");
        // option syntax: Ditto parses options first and reports them as RQL errors
        assertThat(error(search("", "option", "sort(attributes/x)"))).isEqualTo("rql.expression.invalid");
        assertThat(error(search("", "option", "page(1)"))).isEqualTo("rql.expression.invalid");
        // option values
        for (final String option : List.of("size(201)", "size(0)", "limit(0,201)", "sort(+foo/bar)",
                "cursor(garbage)", "size(1),size(2)")) {
            final var response = search("", "option", option);
            assertThat(response.statusCode()).as(option + ": " + response.body()).isEqualTo(400);
            assertThat(error(response)).as(option).isEqualTo("thing-search:search.option.invalid");
        }
        // a cursor must not be combined with another filter or sort, nor with limit
        final String cursor = json(search("", "filter", "exists(attributes/n)", "option", "size(5)"))
                .getValue("cursor").orElseThrow().asString();
        for (final String[] params : List.of(
                new String[]{"filter", "exists(attributes/name)", "option", "cursor(" + cursor + ")"},
                new String[]{"option", "sort(-thingId),cursor(" + cursor + ")"},
                new String[]{"option", "limit(0,5),cursor(" + cursor + ")"})) {
            final var response = search("", params);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(error(response)).isEqualTo("thing-search:search.option.invalid");
        }
        // the same filter and the default sort are fine
        assertThat(ok(search("", "filter", "exists(attributes/n)", "option", "sort(+thingId),cursor(" + cursor + ")"))
                .getValue("items").orElseThrow().asArray().getSize()).isEqualTo(25);
    }

    @Test
    void postWithFormParameters() throws Exception {
        final String form = "filter=" + URLEncoder.encode("eq(attributes/location,\"hall 1\")", StandardCharsets.UTF_8)
                + "&namespaces=org.b&option=" + URLEncoder.encode("sort(-thingId),size(2)", StandardCharsets.UTF_8)
                + "&fields=thingId";
        final var response = send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/api/2/search/things"))
                .header("Authorization", basic(USER, PASSWORD))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        final JsonObject result = ok(response);
        assertThat(ids(result)).containsExactly(id(57), id(54));
        assertThat(result.getValue("cursor")).isPresent();
        final var count = send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/api/2/search/things/count"))
                .header("Authorization", basic(USER, PASSWORD))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("namespaces=org.a")).build());
        assertThat(count.body()).isEqualTo("40");
        final var json = send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/api/2/search/things"))
                .header("Authorization", basic(USER, PASSWORD)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(json.statusCode()).isEqualTo(415);
    }

    @Test
    void searchNeedsAuthenticationAndSeesEveryChange() throws Exception {
        final var anonymous = send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/api/2/search/things"))
                .GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(delete(id(3)).statusCode()).isEqualTo(204);
        assertThat(patch(id(4), "{\"attributes\":{\"location\":\"hall 1\"}}").statusCode()).isEqualTo(204);
        assertThat(all("filter", "eq(attributes/location,\"hall 1\")"))
                .isEqualTo(ids(i -> (i % 3 == 0 && i != 3) || i == 4));
        assertThat(search("/count").body()).isEqualTo("59");
    }

    @Test
    void findsTheSameThingsAfterARestart() throws Exception {
        assertThat(delete(id(3)).statusCode()).isEqualTo(204);
        restart();
        assertThat(search("/count").body()).isEqualTo("59");
        assertThat(all("filter", "exists(attributes/optional)")).containsExactly(id(7));
        assertThat(put(id(3), "{\"policyId\":\"" + id(3) + "\"}").statusCode()).isEqualTo(201);
        restart(); // now from the snapshot written at close
        assertThat(search("/count").body()).isEqualTo("60");
        assertThat(all().stream().collect(Collectors.toSet())).hasSize(THINGS);
    }
}
