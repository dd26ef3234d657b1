package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.failure;
import static io.twinloop.twin.conformance.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.DittoErrorException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.SearchQuery;
import io.twinloop.twin.client.SearchResult;
import io.twinloop.twin.client.TwinPath;

/** Ditto's search: RQL filters, count, field selection, sorting and cursor paging. */
class SearchConformanceTest {

    private static final int THINGS = 30;

    /** Creates the things of one batch and waits until search sees all of them (Ditto's index is eventual). */
    private static String batchOfThings(final TwinTarget target) throws InterruptedException {
        final String batch = UUID.randomUUID().toString();
        for (int i = 0; i < THINGS; i++) {
            final ThingId id = target.newThingId();
            result(target.client().put(TwinPath.thing(id), JsonObject.newBuilder()
                    .set("attributes", JsonObject.newBuilder().set("batch", batch).set("index", i)
                            .set("parity", i % 2 == 0 ? "even" : "odd").build())
                    .build(), RequestOptions.none()));
        }
        final SearchQuery all = inBatch(batch);
        for (int attempt = 0; attempt < 100 && result(target.client().count(all)) < THINGS; attempt++) {
            Thread.sleep(200);
        }
        return batch;
    }

    private static SearchQuery inBatch(final String batch) {
        return SearchQuery.all().namespaces(TwinTarget.NAMESPACE).filter("eq(attributes/batch,\"" + batch + "\")");
    }

    private static List<Integer> indexes(final SearchResult page) {
        final List<Integer> indexes = new ArrayList<>();
        page.items().forEach(item -> indexes.add(item.getValue(JsonPointer.of("attributes/index"))
                .map(JsonValue::asInt).orElseThrow()));
        return indexes;
    }

    @OnEveryTarget
    void filterAndCountAgree(final TwinTarget target) throws Exception {
        final String batch = batchOfThings(target);
        final String upper = "and(eq(attributes/batch,\"" + batch + "\"),ge(attributes/index,20),"
                + "eq(attributes/parity,\"odd\"))";

        assertThat(result(target.client().count(inBatch(batch)))).isEqualTo(THINGS);
        assertThat(result(target.client().count(SearchQuery.all().filter(upper)))).isEqualTo(5);
        assertThat(indexes(result(target.client().search(SearchQuery.all().filter(upper).sort("+attributes/index")))))
                .containsExactly(21, 23, 25, 27, 29);
    }

    @OnEveryTarget
    void cursorPagesThroughEveryMatchOnceInSortOrder(final TwinTarget target) throws Exception {
        final String batch = batchOfThings(target);
        final List<Integer> seen = new ArrayList<>();
        SearchQuery query = inBatch(batch).size(7).sort("+attributes/index");
        for (int pages = 0; pages < 10; pages++) {
            final SearchResult page = result(target.client().search(query));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(7);
            seen.addAll(indexes(page));
            if (page.cursor().isEmpty()) {
                break;
            }
            query = query.cursor(page.cursor().get());
        }
        final List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < THINGS; i++) {
            expected.add(i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @OnEveryTarget
    void descendingSortAndFieldSelection(final TwinTarget target) throws Exception {
        final String batch = batchOfThings(target);

        final SearchResult page = result(target.client().search(inBatch(batch).size(3).sort("-attributes/index")
                .fields("thingId,attributes/index")));

        assertThat(indexes(page)).containsExactly(29, 28, 27);
        assertThat(page.items().get(0).getKeys()).extracting(Object::toString)
                .containsExactlyInAnyOrder("thingId", "attributes");
        assertThat(page.items().get(0).getValue(JsonPointer.of("attributes/batch"))).isEmpty();
    }

    @OnEveryTarget
    void invalidFilterIsRefusedWithDittosError(final TwinTarget target) {
        final DittoErrorException error = failure(target.client().search(SearchQuery.all()
                .filter("eq(attributes/batch")), DittoErrorException.class);

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.errorCode()).contains("rql.expression.invalid");
    }
}
