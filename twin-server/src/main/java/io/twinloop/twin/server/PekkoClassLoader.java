package io.twinloop.twin.server;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class loader the twin server's actor system gets: the application's own, except that a look-up of every
 * {@code META-INF/MANIFEST.MF} (Pekko's start-up check that all its modules have the same version) is answered
 * with the manifests of the Pekko jars the server uses, found through one class of each. Answered by the
 * application class loader, that look-up opens and reads the central directory of every jar on the class path,
 * 160 for the {@code twinloop} command (OR-Tools, XGBoost, Kafka, POI, ...), which was a quarter of a cold start's
 * CPU time. The check itself still runs on the modules that matter for the server.
 */
final class PekkoClassLoader extends ClassLoader {

    static final String MANIFEST = "META-INF/MANIFEST.MF";

    /** One class of each Pekko module the twin server runs on. */
    private static final List<String> MODULE_CLASSES = List.of(
            "org.apache.pekko.actor.ActorSystem",
            "org.apache.pekko.stream.Materializer",
            "org.apache.pekko.http.scaladsl.HttpExt",
            "org.apache.pekko.http.javadsl.server.Directives",
            "org.apache.pekko.parboiled2.Parser",
            "org.apache.pekko.event.slf4j.Slf4jLogger",
            "org.apache.pekko.protobufv3.internal.Message");

    private final List<URL> manifests;

    private PekkoClassLoader(final ClassLoader parent, final List<URL> manifests) {
        super("twinloop-pekko", parent);
        this.manifests = manifests;
    }

    static ClassLoader of(final ClassLoader parent) {
        final Set<URL> found = new LinkedHashSet<>();
        for (final String name : MODULE_CLASSES) {
            try {
                final CodeSource source = Class.forName(name, false, parent).getProtectionDomain().getCodeSource();
                final URL jar = source == null ? null : source.getLocation();
                if (jar != null && jar.getPath().endsWith(".jar")) {
                    found.add(new URL("jar:" + jar + "!/" + MANIFEST));
                }
            } catch (final ClassNotFoundException | MalformedURLException | SecurityException e) {
                // a module the server does not have (or cannot locate): its manifest is not checked
            }
        }
        // classes not in jars (a build's output folders, tests): nothing to be gained, answer as the parent does
        return found.isEmpty() ? parent : new PekkoClassLoader(parent, List.copyOf(found));
    }

    @Override
    public Enumeration<URL> getResources(final String name) throws IOException {
        return MANIFEST.equals(name) ? Collections.enumeration(manifests) : super.getResources(name);
    }
}
