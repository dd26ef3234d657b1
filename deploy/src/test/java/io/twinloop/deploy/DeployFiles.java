package io.twinloop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The deployment files and the repository they point into, as the tests read them: YAML (one or more documents),
 * the compose file's services, environment and mounts, and the Maven facts (artifact names, version) that the
 * files must agree with.
 */
final class DeployFiles {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}} as docker compose interpolates them. */
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?}");

    private DeployFiles() {
    }

    /** The module folder {@code deploy/} (surefire runs in it). */
    static Path deployDir() {
        final Path here = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(here.resolve("compose/docker-compose.yml"))) {
            return here;
        }
        if (Files.isRegularFile(here.resolve("deploy/compose/docker-compose.yml"))) {
            return here.resolve("deploy");
        }
        throw new IllegalStateException("no deploy/compose/docker-compose.yml below " + here);
    }

    static Path repositoryRoot() {
        return deployDir().getParent();
    }

    static Path composeDir() {
        return deployDir().resolve("compose");
    }

    static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode yaml(final Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException("not YAML: " + file, e);
        }
    }

    /** Every document of a multi-document YAML file (Kubernetes manifests). */
    static List<JsonNode> yamlDocuments(final Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            final List<JsonNode> result = new ArrayList<>();
            while (documents.hasNext()) {
                final JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    result.add(document);
                }
            }
            return result;
        } catch (final IOException e) {
            throw new UncheckedIOException("not YAML: " + file, e);
        }
    }

    static JsonNode compose() {
        return yaml(composeDir().resolve("docker-compose.yml"));
    }

    static Map<String, JsonNode> composeServices() {
        final Map<String, JsonNode> services = new LinkedHashMap<>();
        compose().path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    /** A service's environment, in either of compose's forms (list of NAME=VALUE, or a map). */
    static Map<String, String> environment(final JsonNode service) {
        final Map<String, String> env = new LinkedHashMap<>();
        final JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(entry -> {
                final String text = entry.asText();
                final int equals = text.indexOf('=');
                env.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            });
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    /** A compose volume entry {@code source:target[:mode]}. */
    record Mount(String source, String target, boolean readOnly) {

        static Mount parse(final String entry) {
            final String[] parts = entry.split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("volume entry is not source:target[:mode]: " + entry);
            }
            return new Mount(parts[0], parts[1], parts.length == 3 && parts[2].equals("ro"));
        }

        boolean isBind() {
            return source.startsWith("./") || source.startsWith("../") || source.startsWith("/");
        }

        /** The bind source resolved against the compose folder. */
        Path hostPath() {
            return composeDir().resolve(source).normalize();
        }
    }

    static List<Mount> mounts(final JsonNode service) {
        final List<Mount> mounts = new ArrayList<>();
        service.path("volumes").forEach(v -> mounts.add(Mount.parse(v.asText())));
        return mounts;
    }

    /** The names of the variables compose interpolates in a text. */
    static Set<String> composeVariables(final String text) {
        final Set<String> names = new TreeSet<>();
        final Matcher m = COMPOSE_VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The text with every compose variable replaced as if the operator had set it to {@code value-of-NAME}. */
    static String interpolate(final String text) {
        return COMPOSE_VARIABLE.matcher(text).replaceAll(m -> "value-of-" + m.group(1));
    }

    /** A text element of a module's pom.xml (e.g. {@code artifactId}, {@code build/finalName}), or "" if absent. */
    static String pomValue(final String module, final String path) {
        try {
            final var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(repositoryRoot().resolve(module).resolve("pom.xml").toFile());
            org.w3c.dom.Element element = document.getDocumentElement();
            for (final String name : path.split("/")) {
                org.w3c.dom.Element next = null;
                for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof org.w3c.dom.Element e && e.getTagName().equals(name)) {
                        next = e;
                        break;
                    }
                }
                if (next == null) {
                    return "";
                }
                element = next;
            }
            return element.getTextContent().trim();
        } catch (final Exception e) {
            throw new IllegalStateException("cannot read " + path + " of " + module + "/pom.xml", e);
        }
    }

    /** The project version surefire passes in (the same as every module's). */
    static String version() {
        final String version = System.getProperty("twinloop.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("system property twinloop.version is not set (deploy/pom.xml sets it)");
        }
        return version;
    }

    /** The extension jar as ditto-extension's build names it. */
    static String extensionJarName() {
        return pomValue("ditto-extension", "artifactId") + "-" + version() + ".jar";
    }

    /** {@code ${?NAME}} overrides in the extension's things-extension.conf (from its jar on the class path). */
    static Set<String> guardEnvironmentVariables() {
        final String conf = classPathText("things-extension.conf");
        final Set<String> names = new TreeSet<>();
        final Matcher m = Pattern.compile("\\$\\{\\?([A-Z0-9_]+)}").matcher(conf);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static String classPathText(final String resource) {
        try (var in = DeployFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Image reference {@code [registry/]name:tag}: the tag, or "" when there is none. */
    static String tagOf(final String image) {
        final int slash = image.lastIndexOf('/');
        final int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "";
    }

    static String nameOf(final String image) {
        final int slash = image.lastIndexOf('/');
        final int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(0, colon) : image;
    }
}
