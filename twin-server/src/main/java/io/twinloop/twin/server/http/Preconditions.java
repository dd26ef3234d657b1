package io.twinloop.twin.server.http;

import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaderDefinition;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTagMatchers;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyPreconditionFailedException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyPreconditionNotModifiedException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingPreconditionFailedException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingPreconditionNotModifiedException;

/**
 * Ditto's conditional-request rules (RFC 7232 with Ditto's choices): If-Match needs an existing resource whose tag
 * matches strongly ({@code *} matches any existing one); If-None-Match fails if the resource exists and matches
 * ({@code *}: exists). A failed If-None-Match is 304 for reads and 412 for writes; If-Match always 412. Reads and
 * deletes of a missing resource skip the check so they answer 404. Things and policies follow the same rules with
 * their own error codes ({@code things:precondition.failed}, {@code policies:precondition.failed}, ...).
 */
public final class Preconditions {

    public enum Category { QUERY, MODIFY, DELETE }

    /** Whose errors a failed condition raises. */
    public enum Entity {
        THING {
            @Override
            DittoRuntimeException failed(final String header, final String expected, final String actual) {
                return ThingPreconditionFailedException.newBuilder(header, expected, actual).build();
            }

            @Override
            DittoRuntimeException notModified(final String expected, final String actual) {
                return ThingPreconditionNotModifiedException.newBuilder(expected, actual).build();
            }
        },
        POLICY {
            @Override
            DittoRuntimeException failed(final String header, final String expected, final String actual) {
                return PolicyPreconditionFailedException.newBuilder(header, expected, actual).build();
            }

            @Override
            DittoRuntimeException notModified(final String expected, final String actual) {
                return PolicyPreconditionNotModifiedException.newBuilder(expected, actual).build();
            }
        };

        abstract DittoRuntimeException failed(String header, String expected, String actual);

        abstract DittoRuntimeException notModified(String expected, String actual);
    }

    private Preconditions() {}

    static void check(final DittoHeaders headers, final Optional<EntityTag> current, final Category category) {
        check(headers, current, category, Entity.THING);
    }

    /**
     * As {@link #check(DittoHeaders, Optional, Category)}, the current tag made only if the request has a
     * precondition: a part's tag is the hash of its whole value (all features, for a device's merge of them).
     */
    static void check(final DittoHeaders headers, final Supplier<Optional<EntityTag>> current,
            final Category category) {
        if (headers.getIfMatch().isPresent() || headers.getIfNoneMatch().isPresent()) {
            check(headers, current.get(), category, Entity.THING);
        }
    }

    public static void check(final DittoHeaders headers, final Optional<EntityTag> current, final Category category,
            final Entity entity) {
        if (current.isEmpty() && category != Category.MODIFY) {
            return;
        }
        headers.getIfMatch().ifPresent(ifMatch -> {
            if (!matches(ifMatch, current)) {
                throw withETag(entity.failed(DittoHeaderDefinition.IF_MATCH.getKey(), ifMatch.toString(),
                        actual(current)), current);
            }
        });
        headers.getIfNoneMatch().ifPresent(ifNoneMatch -> {
            if (matches(ifNoneMatch, current)) {
                throw withETag(category == Category.QUERY
                        ? entity.notModified(ifNoneMatch.toString(), actual(current))
                        : entity.failed(DittoHeaderDefinition.IF_NONE_MATCH.getKey(), ifNoneMatch.toString(),
                                actual(current)), current);
            }
        });
    }

    private static String actual(final Optional<EntityTag> current) {
        return String.valueOf(current.orElse(null));
    }

    private static boolean matches(final EntityTagMatchers matchers, final Optional<EntityTag> current) {
        return current.map(tag -> matchers.stream().anyMatch(m -> tag.isWeak() ? m.weakMatch(tag) : m.strongMatch(tag)))
                .orElse(false);
    }

    private static DittoRuntimeException withETag(final DittoRuntimeException e, final Optional<EntityTag> current) {
        return current.map(tag -> e.setDittoHeaders(DittoHeaders.newBuilder().eTag(tag).build())).orElse(e);
    }
}
