package io.twinloop.ditto.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;

import org.apache.pekko.actor.ActorSystem;
import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.auth.DittoAuthorizationContextType;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.internal.utils.extension.DittoExtensionPoint;
import org.eclipse.ditto.internal.utils.pekko.PekkoClassLoader;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.enforcement.pre.PreEnforcer;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertiesNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyFeatureDesiredProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;

import io.twinloop.ditto.guard.DesiredWrite;
import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.ditto.guard.Operation;
import io.twinloop.ditto.guard.PathPattern;
import io.twinloop.ditto.guard.TestKeys;

/**
 * The jar's {@code things-extension.conf} as Ditto's things service reads it: {@code things.conf} sets the default
 * lists and then {@code include "things-extension.conf"}; the things service's own jar has an (empty)
 * {@code things-extension.conf} too, so the class path holds two. The pre-enforcer entry is then loaded the way
 * Ditto's {@code PreEnforcerProvider} does (ExtensionIdConfig + PekkoClassLoader, real ActorSystem), with real
 * environment variables (set by surefire, see the pom) overriding keys and limits.
 */
class ThingsExtensionConfTest {

    /** Stand-in for the top and bottom of Ditto 3.8's things.conf (the lists and the include line). */
    private static final String THINGS_CONF = """
            ditto {
              extensions {
                pre-enforcer-provider.extension-config.pre-enforcers = [
                  "org.eclipse.ditto.policies.enforcement.pre.BlockedNamespacePreEnforcer",
                  "org.eclipse.ditto.policies.enforcement.pre.CommandWithOptionalEntityPreEnforcer",
                  "org.eclipse.ditto.things.service.enforcement.pre.ThingCreationRestrictionPreEnforcer"
                ]
              }
              things.thing.event.historical-headers-to-persist = ["correlation-id"]
            }
            include "things-extension.conf"
            """;
    private static final List<String> DITTO_DEFAULTS = List.of(
            "org.eclipse.ditto.policies.enforcement.pre.BlockedNamespacePreEnforcer",
            "org.eclipse.ditto.policies.enforcement.pre.CommandWithOptionalEntityPreEnforcer",
            "org.eclipse.ditto.things.service.enforcement.pre.ThingCreationRestrictionPreEnforcer");

    private static final TestKeys KEYS = new TestKeys();
    private static ActorSystem actorSystem;

    @TempDir
    static Path dittoJar;

    @BeforeAll
    static void setUp() throws Exception {
        final Path keys = Path.of(System.getenv("TWINLOOP_GUARD_AGENT_KEYS_DIR"));
        KEYS.write(keys, "optimizer", false);
        KEYS.write(Path.of(System.getenv("TWINLOOP_GUARD_APPROVER_KEYS_DIR")), "alice", false);
        Files.writeString(dittoJar.resolve("things.conf"), THINGS_CONF);
        Files.writeString(dittoJar.resolve("things-extension.conf"), ""); // as in ditto-things-service 3.8
        actorSystem = ActorSystem.create("things-extension-conf-test",
                ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING"));
    }

    @AfterAll
    static void tearDown() {
        actorSystem.terminate();
    }

    private static Config thingsConfig(final boolean dittoJarFirst) throws Exception {
        final URL ditto = dittoJar.toUri().toURL();
        final ClassLoader loader = dittoJarFirst
                ? new URLClassLoader(new URL[] {ditto, Path.of("target/classes").toUri().toURL()},
                ClassLoader.getPlatformClassLoader())
                : new URLClassLoader(new URL[] {ditto}, ThingsExtensionConfTest.class.getClassLoader());
        return ConfigFactory.parseResources(loader, "things.conf").resolve();
    }

    @Test
    void theGuardIsAppendedToDittosDefaultListsWhicheverJarComesFirst() throws Exception {
        for (final boolean dittoJarFirst : List.of(true, false)) {
            final Config config = thingsConfig(dittoJarFirst);
            final List<? extends ConfigValue> preEnforcers =
                    config.getList("ditto.extensions.pre-enforcer-provider.extension-config.pre-enforcers");

            assertThat(preEnforcers).as("dittoJarFirst=" + dittoJarFirst).hasSize(4);
            assertThat(preEnforcers.subList(0, 3).stream().map(ConfigValue::unwrapped).toList())
                    .isEqualTo(DITTO_DEFAULTS);
            assertThat(config.getStringList("ditto.things.thing.event.historical-headers-to-persist"))
                    .containsExactly("correlation-id", "twinloop-decision-id", "twinloop-key-id",
                            "twinloop-approval-key-id");
        }
    }

    @Test
    void environmentVariablesOverrideKeysAndLimits() throws Exception {
        final GuardConfig guard = GuardConfig.fromConfig(entry().extensionConfig());

        assertThat(guard.enabled()).isTrue();
        assertThat(guard.agentSubjects())
                .isEqualTo(Map.of("optimizer", Set.of("pre:optimizer", "integration:optimizer")));
        assertThat(guard.agentKeys().keyIds()).containsExactly(KEYS.signer("optimizer").keyId());
        assertThat(guard.approverKeys().keyIds()).containsExactly(KEYS.signer("alice").keyId());
        assertThat(guard.otherSubjects()).isEqualTo(GuardConfig.OtherSubjects.REFUSE);
        assertThat(guard.impactRule().highImpact()).containsExactly(
                PathPattern.parse("/features/*/desiredProperties/SpindleSpeed"),
                PathPattern.parse("/features/Safety/desiredProperties"));
        assertThat(guard.maxValidity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(guard.maxValueBytes()).isEqualTo(4096);
        assertThat(guard.requireNotAfter()).isFalse();
    }

    @Test
    void theEmbeddedTwinServerReadsTheSameSettingsFromTheClassPath() throws Exception {
        assertThat(GuardConfig.fromClassPath()).isEqualTo(GuardConfig.fromConfig(entry().extensionConfig()));
    }

    @Test
    void dittoLoadsThePreEnforcerFromTheEntryAndItGuards() throws Exception {
        final DittoExtensionPoint.ExtensionId.ExtensionIdConfig<PreEnforcer> entry = entry();
        assertThat(entry.extensionClass()).isEqualTo(DesiredWriteGuardPreEnforcer.class.getName());

        // what DittoExtensionPoint.ExtensionId#createExtension does with the entry
        final PreEnforcer preEnforcer = PekkoClassLoader.instantiate(actorSystem, PreEnforcer.class,
                entry.extensionClass(), List.of(ActorSystem.class, Config.class),
                List.of(actorSystem, entry.extensionConfig()));

        final ThingId thing = ThingId.of("plant:press-1");
        final DittoHeaders asOptimizer = DittoHeaders.newBuilder()
                .authorizationContext(AuthorizationContext.newInstance(DittoAuthorizationContextType.UNSPECIFIED,
                        AuthorizationSubject.newInstance("integration:optimizer")))
                .build();
        final DesiredWrite write = DesiredWrite.of(thing.toString(), Operation.MODIFY,
                JsonPointer.of("/features/Op/desiredProperties/Feed"), JsonValue.of(4)).orElseThrow();
        final var signed = ModifyFeatureDesiredProperty.of(thing, "Op", JsonPointer.of("Feed"), JsonValue.of(4),
                asOptimizer.toBuilder()
                        .putHeaders(KEYS.signer("optimizer").sign(write, 2, "d-2", Optional.empty())).build());
        assertThat(preEnforcer.apply(signed).toCompletableFuture().join()).isSameAs(signed);

        final var unsigned = ModifyFeatureDesiredProperty.of(thing, "Op", JsonPointer.of("Feed"), JsonValue.of(4),
                asOptimizer);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> preEnforcer.apply(unsigned).toCompletableFuture().join()))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(FeatureDesiredPropertiesNotModifiableException.class);
    }

    private static DittoExtensionPoint.ExtensionId.ExtensionIdConfig<PreEnforcer> entry() throws Exception {
        final ConfigValue value = thingsConfig(false)
                .getList("ditto.extensions.pre-enforcer-provider.extension-config.pre-enforcers").get(3);
        return DittoExtensionPoint.ExtensionId.ExtensionIdConfig.of(PreEnforcer.class, value);
    }
}
