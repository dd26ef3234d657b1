package io.twinloop.twin.server.http;

import java.util.Optional;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaderDefinition;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTagMatchers;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingPreconditionFailedException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingPreconditionNotModifiedException;

/**
 * Ditto's conditional-request rules (RFC 7232 with Ditto's choices): If-Match needs an existing resource whose tag
 * matches strongly ({@code *} matches any existing one); If-None-Match fails if the resource exists and matches
 * ({@code *}: exists). A failed If-None-Match is 304 for reads and 412 for writes; If-Match always 412. Reads and
 * deletes of a missing resource skip the check so they answer 404.
 */
final class Preconditions {

    enum Category { QUERY, MODIFY, DELETE }

    private Preconditions() {}

    static void check(final DittoHeaders headers, final Optional<EntityTag> current, final Category category) {
        if (current.isEmpty() && category != Category.MODIFY) {
            return;
        }
        headers.getIfMatch().ifPresent(ifMatch -> {
            if (!matches(ifMatch, current)) {
                throw failed(DittoHeaderDefinition.IF_MATCH.getKey(), ifMatch, current);
            }
        });
        headers.getIfNoneMatch().ifPresent(ifNoneMatch -> {
            if (matches(ifNoneMatch, current)) {
                if (category == Category.QUERY) {
                    throw withETag(ThingPreconditionNotModifiedException
                            .newBuilder(ifNoneMatch.toString(), String.valueOf(current.orElse(null))).build(),
                            current);
                }
                throw failed(DittoHeaderDefinition.IF_NONE_MATCH.getKey(), ifNoneMatch, current);
            }
        });
    }

    private static boolean matches(final EntityTagMatchers matchers, final Optional<EntityTag> current) {
        return current.map(tag -> matchers.stream().anyMatch(m -> tag.isWeak() ? m.weakMatch(tag) : m.strongMatch(tag)))
                .orElse(false);
    }

    private static DittoRuntimeException failed(final String header, final EntityTagMatchers expected,
            final Optional<EntityTag> current) {
        return withETag(ThingPreconditionFailedException
                .newBuilder(header, expected.toString(), String.valueOf(current.orElse(null))).build(), current);
    }

    private static DittoRuntimeException withETag(final DittoRuntimeException e, final Optional<EntityTag> current) {
        return current.map(tag -> e.setDittoHeaders(DittoHeaders.newBuilder().eTag(tag).build())).orElse(e);
    }
}
