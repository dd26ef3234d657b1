package io.twinloop.aas.environment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.twinloop.aas.AasInputException;

/**
 * The entries of an AASX (OPC zip) package, read completely and checked before any of it is trusted:
 * the archive must be whole (its central directory is read, so a truncated file is refused), no entry may
 * name a path outside the package (zip slip), and the unpacked size is bounded while inflating, not by the
 * sizes the archive claims (zip bomb).
 */
final class AasxArchive {

    private final Map<String, byte[]> entries;

    private AasxArchive(final Map<String, byte[]> entries) {
        this.entries = entries;
    }

    static AasxArchive read(final Path file, final String source, final PackageLimits limits) {
        final Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > limits.maxEntries()) {
                throw AasInputException.of(source, "", "AASX package has " + zip.size()
                        + " entries, more than the limit of " + limits.maxEntries() + " (possible zip bomb)");
            }
            long total = 0;
            final Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                final ZipEntry entry = all.nextElement();
                checkName(entry.getName(), source);
                if (entry.isDirectory()) {
                    continue;
                }
                final byte[] content = inflate(zip, entry, source, limits, limits.maxTotalBytes() - total);
                total += content.length;
                entries.put(stripLeadingSlash(entry.getName()), content);
            }
        } catch (ZipException e) {
            throw AasInputException.of(source, "", "not a readable AASX package: the zip archive is corrupt or "
                    + "truncated (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw AasInputException.of(source, "", "cannot read AASX package: " + e.getMessage(), e);
        }
        return new AasxArchive(Collections.unmodifiableMap(entries));
    }

    Map<String, byte[]> entries() {
        return entries;
    }

    private static void checkName(final String name, final String source) {
        final String normalized = name.replace('\\', '/');
        final boolean escapes = normalized.startsWith("/")
                || normalized.matches("^[A-Za-z]:.*")
                || ("/" + normalized + "/").contains("/../")
                || name.indexOf('\0') >= 0;
        if (escapes) {
            throw AasInputException.of(source, "zip entry '" + name + "'",
                    "entry path escapes the package folder (zip slip); refusing the whole package");
        }
    }

    private static byte[] inflate(final ZipFile zip, final ZipEntry entry, final String source,
            final PackageLimits limits, final long budget) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[64 * 1024];
        final long compressed = Math.max(1, entry.getCompressedSize());
        try (InputStream in = zip.getInputStream(entry)) {
            long size = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                size += n;
                if (size > budget) {
                    throw bomb(source, entry, "unpacks to more than the package limit of "
                            + limits.maxTotalBytes() + " bytes");
                }
                if (size > PackageLimits.RATIO_CHECK_THRESHOLD && size / compressed > limits.maxCompressionRatio()) {
                    throw bomb(source, entry, "unpacks to more than " + limits.maxCompressionRatio()
                            + " times its compressed size of " + compressed + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (ZipException e) {
            throw AasInputException.of(source, "zip entry '" + entry.getName() + "'",
                    "corrupt or truncated entry (" + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            throw AasInputException.of(source, "zip entry '" + entry.getName() + "'",
                    "truncated entry (unexpected end of data)", e);
        }
        return out.toByteArray();
    }

    private static AasInputException bomb(final String source, final ZipEntry entry, final String what) {
        return AasInputException.of(source, "zip entry '" + entry.getName() + "'",
                "entry " + what + " (possible zip bomb); refusing the whole package");
    }

    private static String stripLeadingSlash(final String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
