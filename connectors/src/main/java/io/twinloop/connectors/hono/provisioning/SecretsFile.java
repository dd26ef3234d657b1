package io.twinloop.connectors.hono.provisioning;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one place generated device passwords go: a JSON file the operator names. It is created before the first write
 * to the registry, new (an existing file is never overwritten) and readable by its owner only, so a run that could
 * not store its secrets never sets them. The format is in the module README.
 */
public final class SecretsFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;

    private SecretsFile(final Path path) {
        this.path = path;
    }

    /**
     * Creates the file, empty, with owner-only permissions.
     *
     * @throws IllegalStateException naming the file if it exists or cannot be created
     */
    public static SecretsFile createNew(final Path path) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(path,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(path);
                final java.io.File file = path.toFile();
                file.setReadable(false, false);
                file.setWritable(false, false);
                file.setReadable(true, true);
                file.setWritable(true, true);
            }
            return new SecretsFile(path);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(path + ": exists; generated secrets are never written over a file, name "
                    + "a new one (or move this one away)", e);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(path + ": cannot create the secrets file, its folder does not exist", e);
        } catch (IOException e) {
            throw new IllegalStateException(path + ": cannot create the secrets file: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Writes the secrets (the file is this run's own, created by {@link #createNew}). */
    public void write(final String registry, final List<DeviceSecret> secrets) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("registry", registry);
        root.put("written", Instant.now().toString());
        final ArrayNode devices = root.putArray("devices");
        for (final DeviceSecret secret : secrets) {
            final DeviceDeclaration device = secret.device();
            final ObjectNode entry = devices.addObject();
            entry.put("tenantId", device.tenantId());
            entry.put("deviceId", device.deviceId());
            entry.put("authId", device.authId());
            entry.put("username", secret.username());
            entry.put("password", secret.password());
            entry.put("credentialType", "hashed-password");
            entry.put("change", secret.change().label());
            entry.put("shellId", device.origin().shellId());
            entry.put("source", device.origin().source());
        }
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            JSON.writeValue(out, root);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot write the generated secrets (" + secrets.size()
                    + " device(s) now have passwords that are nowhere else; provision them again with "
                    + "--rotate-secrets): " + e.getMessage(), e);
        }
    }

    /** Removes the file when the run set no secret after all. */
    public void discard() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot remove the unused secrets file: " + e.getMessage(), e);
        }
    }
}
