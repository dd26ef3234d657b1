package io.twinloop.twin.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs every {@link OnEveryTarget} once per target. Backends are started lazily, once per test class (stored in the
 * class's extension store, so JUnit closes them after the class); each invocation gets its own {@link TwinTarget},
 * stored in the invocation's store so that JUnit closes it, deleting the things the test created, right after it.
 */
final class TwinTargetExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TwinTargetExtension.class);

    @Override
    public boolean supportsTestTemplate(final ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(OnEveryTarget.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(final ExtensionContext context) {
        final List<TestTemplateInvocationContext> invocations = new ArrayList<>();
        invocations.add(invocation("embedded", context, () -> new Backend.Embedded()));
        final String dittoUrl = System.getenv("DITTO_URL");
        if (dittoUrl != null && !dittoUrl.isBlank()) {
            invocations.add(invocation("ditto", context, Backend.RealDitto::fromEnvironment));
        }
        return invocations.stream();
    }

    private interface BackendFactory {
        Backend create() throws Exception;
    }

    private static TestTemplateInvocationContext invocation(final String key, final ExtensionContext methodContext,
            final BackendFactory factory) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(final int invocationIndex) {
                return "[" + key + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new TargetResolver(key, factory));
            }
        };
    }

    private static final class TargetResolver implements ParameterResolver {

        private final String key;
        private final BackendFactory factory;

        TargetResolver(final String key, final BackendFactory factory) {
            this.key = key;
            this.factory = factory;
        }

        @Override
        public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
            return parameter.getParameter().getType() == TwinTarget.class;
        }

        @Override
        public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
            final ExtensionContext classContext = classContext(context);
            final Backend backend = classContext.getStore(NAMESPACE).getOrComputeIfAbsent("backend:" + key, k -> {
                try {
                    return factory.create();
                } catch (final Exception e) {
                    throw new IllegalStateException("Could not start conformance target '" + key + "'", e);
                }
            }, Backend.class);
            final String testName = context.getRequiredTestMethod().getName();
            return context.getStore(NAMESPACE).getOrComputeIfAbsent("target", k -> new TwinTarget(backend, testName),
                    TwinTarget.class);
        }

        private static ExtensionContext classContext(final ExtensionContext context) {
            ExtensionContext current = context;
            while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
                current = current.getParent().get();
            }
            return current;
        }
    }
}
