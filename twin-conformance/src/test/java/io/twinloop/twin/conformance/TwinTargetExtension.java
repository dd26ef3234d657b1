package io.twinloop.twin.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs every {@link OnEveryTarget} once per target: {@code [embedded]} always, {@code [ditto]} when
 * {@code DITTO_URL} is set, {@code [docker]} (Ditto's images, {@link DockerDitto}) when a Docker engine answers
 * and {@code TWINLOOP_DOCKER_DITTO} is not {@code false}; without, its invocations are skipped with the reason.
 * <p>
 * Backends are started lazily: the embedded server and a {@code DITTO_URL} Ditto once per test class (in the class's
 * extension store, so JUnit closes them after the class), the Docker Ditto once per run (in the root store), since
 * its start takes minutes. A start that failed is remembered, so every test of that target fails at once with the
 * cause instead of trying again. Each invocation gets its own {@link TwinTarget}, stored in the invocation's store
 * so that JUnit closes it, deleting the things the test created, right after it.
 */
final class TwinTargetExtension implements TestTemplateInvocationContextProvider {

    /** Set to {@code false} to leave Ditto's Docker images alone even where a Docker engine is. */
    static final String DOCKER_SWITCH = "TWINLOOP_DOCKER_DITTO";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TwinTargetExtension.class);

    @Override
    public boolean supportsTestTemplate(final ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(OnEveryTarget.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(final ExtensionContext context) {
        final List<TestTemplateInvocationContext> invocations = new ArrayList<>();
        invocations.add(invocation("embedded", false, Backend.Embedded::new, Optional.empty()));
        final String dittoUrl = System.getenv("DITTO_URL");
        if (dittoUrl != null && !dittoUrl.isBlank()) {
            invocations.add(invocation("ditto", false, Backend.RealDitto::fromEnvironment, Optional.empty()));
        }
        invocations.add(invocation("docker", true, DockerDitto::start,
                Optional.of(TwinTargetExtension::dockerCondition)));
        return invocations.stream();
    }

    private static ConditionEvaluationResult dockerCondition(final ExtensionContext context) {
        if ("false".equalsIgnoreCase(System.getenv(DOCKER_SWITCH))) {
            return ConditionEvaluationResult.disabled(DOCKER_SWITCH + "=false: Ditto's Docker images are not started");
        }
        if (!DockerDitto.isDockerAvailable()) {
            return ConditionEvaluationResult.disabled("No Docker engine: the target 'docker' (Eclipse Ditto "
                    + DockerDitto.DITTO_VERSION + " from its images) is skipped");
        }
        return ConditionEvaluationResult.enabled("Docker engine found");
    }

    private interface BackendFactory {
        Backend create() throws Exception;
    }

    private static TestTemplateInvocationContext invocation(final String key, final boolean perRun,
            final BackendFactory factory, final Optional<ExecutionCondition> condition) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(final int invocationIndex) {
                return "[" + key + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                final List<Extension> extensions = new ArrayList<>();
                condition.ifPresent(extensions::add);
                extensions.add(new TargetResolver(key, perRun, factory));
                return extensions;
            }
        };
    }

    /** The outcome of starting a backend, kept in a store: the backend, or why it could not start. */
    private static final class Start implements AutoCloseable {

        private final Backend backend;
        private final Exception failure;

        private Start(final Backend backend, final Exception failure) {
            this.backend = backend;
            this.failure = failure;
        }

        static Start of(final BackendFactory factory) {
            try {
                return new Start(factory.create(), null);
            } catch (final Exception e) {
                return new Start(null, e);
            }
        }

        Backend backend(final String key) {
            if (failure != null) {
                throw new IllegalStateException("Could not start conformance target '" + key + "'", failure);
            }
            return backend;
        }

        @Override
        public void close() throws Exception {
            if (backend != null) {
                backend.close();
            }
        }
    }

    private static final class TargetResolver implements ParameterResolver {

        private final String key;
        private final boolean perRun;
        private final BackendFactory factory;

        TargetResolver(final String key, final boolean perRun, final BackendFactory factory) {
            this.key = key;
            this.perRun = perRun;
            this.factory = factory;
        }

        @Override
        public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
            return parameter.getParameter().getType() == TwinTarget.class;
        }

        @Override
        public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
            final ExtensionContext owner = perRun ? context.getRoot() : classContext(context);
            final Backend backend = owner.getStore(NAMESPACE)
                    .getOrComputeIfAbsent("backend:" + key, k -> Start.of(factory), Start.class)
                    .backend(key);
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
