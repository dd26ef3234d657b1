package io.twinloop.aas.environment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.digitaltwin.aas4j.v3.model.Environment;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.AasInputException;

/**
 * Reads an AAS environment from a JSON, XML or AASX file, deciding the format by content. Every problem
 * becomes an {@link AasInputException} naming the file and the place; nothing half-read is returned.
 */
public final class EnvironmentReader {

    private static final Pattern SPEC_RELATIONSHIP = Pattern.compile(
            "<Relationship\\b[^>]*\\bType=\"https?://(?:www\\.)?admin-shell\\.io/aasx/relationships/aas-spec\"[^>]*>");
    private static final Pattern TARGET = Pattern.compile("\\bTarget=\"([^\"]+)\"");

    private final PackageLimits limits;
    private final JsonEnvironmentParser json = new JsonEnvironmentParser();
    private final XmlEnvironmentParser xml = new XmlEnvironmentParser();

    private EnvironmentReader(final PackageLimits limits) {
        this.limits = limits;
    }

    public static EnvironmentReader newInstance() {
        return new EnvironmentReader(PackageLimits.defaults());
    }

    public static EnvironmentReader withLimits(final PackageLimits limits) {
        return new EnvironmentReader(limits);
    }

    public AasPackage read(final Path file) {
        final String source = file.toString();
        final AasFormat format = AasFormat.sniff(head(file, source)).orElseThrow(() ->
                AasInputException.of(source, "", "not an AAS file: expected AAS v3 JSON, XML or an AASX package"));
        if (format == AasFormat.AASX) {
            return readAasx(file, source);
        }
        final byte[] content = readAll(file, source);
        if (format == AasFormat.JSON) {
            final JsonEnvironmentParser.Parsed parsed = json.parse(content, source);
            return AasPackage.withCheckedJson(source, format, AasVersion.V3_0, parsed.environment(), List.of(), List.of(),
                    parsed.json());
        }
        final XmlEnvironmentParser.Parsed parsed = xml.parse(content, source);
        return AasPackage.withCheckedJson(source, format, parsed.version(), parsed.environment(), List.of(), parsed.warnings(),
                parsed.json());
    }

    /** Reads the raw text of the environment inside a file: for an AASX, its aas-spec part. */
    public SpecPart readSpecPart(final Path file) {
        final String source = file.toString();
        final AasFormat format = AasFormat.sniff(head(file, source)).orElseThrow(() ->
                AasInputException.of(source, "", "not an AAS file: expected AAS v3 JSON, XML or an AASX package"));
        if (format != AasFormat.AASX) {
            return new SpecPart(source, format, readAll(file, source));
        }
        return specPart(AasxArchive.read(file, source, limits), source);
    }

    private static SpecPart specPart(final AasxArchive archive, final String source) {
        final String specPath = specPartPath(archive, source);
        final byte[] content = archive.entries().get(specPath);
        final String specSource = source + "!/" + specPath;
        return new SpecPart(specSource, AasFormat.sniff(content).orElseThrow(() -> AasInputException.of(specSource,
                "", "the aas-spec part is neither JSON nor XML")), content);
    }

    /** The text of an environment and the format it is in; the source names the file (and AASX part). */
    public record SpecPart(String source, AasFormat format, byte[] content) {
    }

    private AasPackage readAasx(final Path file, final String source) {
        final AasxArchive archive = AasxArchive.read(file, source, limits);
        final SpecPart spec = specPart(archive, source);
        final AasVersion version;
        final Environment environment;
        final ObjectNode environmentJson;
        final List<String> warnings = new ArrayList<>();
        if (spec.format() == AasFormat.JSON) {
            final JsonEnvironmentParser.Parsed parsed = json.parse(spec.content(), spec.source());
            version = AasVersion.V3_0;
            environment = parsed.environment();
            environmentJson = parsed.json();
        } else {
            final XmlEnvironmentParser.Parsed parsed = xml.parse(spec.content(), spec.source());
            version = parsed.version();
            environment = parsed.environment();
            environmentJson = parsed.json();
            warnings.addAll(parsed.warnings());
        }
        final Map<String, SupplementaryFile> files = new LinkedHashMap<>();
        final java.util.Set<String> usedEntries = new java.util.HashSet<>();
        for (final FileReferences.Reference reference : FileReferences.of(environment)) {
            final Optional<String> entry = entryFor(archive, reference.path());
            if (entry.isPresent()) {
                usedEntries.add(entry.get());
                files.putIfAbsent(reference.path(), SupplementaryFile.of(reference.path(),
                        archive.entries().get(entry.get())));
            } else {
                warnings.add(source + ": " + reference.referencedBy() + " references " + reference.path()
                        + ", which is not in the package");
            }
        }
        warnings.addAll(unreferencedEntries(archive, source, usedEntries));
        return AasPackage.withCheckedJson(source, AasFormat.AASX, version, environment, List.copyOf(files.values()), warnings,
                environmentJson);
    }

    /** Package parts that no element references are not kept (an AASX writer would not write them either). */
    private static List<String> unreferencedEntries(final AasxArchive archive, final String source,
            final java.util.Set<String> kept) {
        final String specPath = specPartPath(archive, source);
        final List<String> unreferenced = new ArrayList<>();
        for (final String entry : archive.entries().keySet()) {
            final boolean packaging = entry.equals("[Content_Types].xml") || entry.endsWith(".rels")
                    || entry.startsWith("docProps/") || entry.equals("aasx/aasx-origin") || entry.equals(specPath);
            if (!packaging && !kept.contains(entry)) {
                unreferenced.add(source + ": zip entry '" + entry + "' is referenced by no File element or "
                        + "thumbnail; it is not kept");
            }
        }
        return unreferenced;
    }

    /** The zip entry a package path names: as written, or percent-decoded (both forms occur in the wild). */
    private static Optional<String> entryFor(final AasxArchive archive, final String path) {
        final String entry = path.substring(1);
        if (archive.entries().containsKey(entry)) {
            return Optional.of(entry);
        }
        final String decoded = URLDecoder.decode(entry, StandardCharsets.UTF_8);
        return archive.entries().containsKey(decoded) ? Optional.of(decoded) : Optional.empty();
    }

    private static String specPartPath(final AasxArchive archive, final String source) {
        for (final Map.Entry<String, byte[]> entry : archive.entries().entrySet()) {
            if (!entry.getKey().endsWith(".rels")) {
                continue;
            }
            final Matcher relationship = SPEC_RELATIONSHIP.matcher(new String(entry.getValue(), StandardCharsets.UTF_8));
            if (relationship.find()) {
                final Matcher target = TARGET.matcher(relationship.group());
                if (target.find()) {
                    final String resolved = resolve(entry.getKey(), target.group(1));
                    if (archive.entries().containsKey(resolved)) {
                        return resolved;
                    }
                    throw AasInputException.of(source, "zip entry '" + entry.getKey() + "'",
                            "the aas-spec relationship points to '" + target.group(1) + "', which is not in the package");
                }
            }
        }
        throw AasInputException.of(source, "", "not an AASX package: no aas-spec relationship found "
                + "(is this an Office document or another zip?)");
    }

    /** Resolves a relationship target against the folder of the part that the .rels file belongs to. */
    private static String resolve(final String relsEntry, final String target) {
        final String decoded = URLDecoder.decode(target, StandardCharsets.UTF_8);
        if (decoded.startsWith("/")) {
            return decoded.substring(1);
        }
        final int rels = relsEntry.lastIndexOf("_rels/");
        final String folder = rels < 0 ? "" : relsEntry.substring(0, rels);
        return Path.of(folder.isEmpty() ? "." : folder).resolve(decoded).normalize().toString().replace('\\', '/');
    }

    private static byte[] head(final Path file, final String source) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(64);
        } catch (NoSuchFileException e) {
            throw AasInputException.of(source, "", "no such file", e);
        } catch (IOException e) {
            throw AasInputException.of(source, "", "cannot read: " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(final Path file, final String source) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw AasInputException.of(source, "", "cannot read: " + e.getMessage(), e);
        }
    }
}
