package io.twinloop.aas.environment;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file that travels with an AAS environment inside an AASX package (a manual, a thumbnail), identified
 * by its absolute package path as File elements and thumbnails reference it, e.g. {@code /aasx/files/manual.pdf}.
 */
public final class SupplementaryFile {

    private final String path;
    private final byte[] content;

    private SupplementaryFile(final String path, final byte[] content) {
        this.path = Objects.requireNonNull(path, "path");
        this.content = Objects.requireNonNull(content, "content").clone();
    }

    public static SupplementaryFile of(final String path, final byte[] content) {
        return new SupplementaryFile(path.startsWith("/") ? path : "/" + path, content);
    }

    public String path() {
        return path;
    }

    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof SupplementaryFile other && path.equals(other.path)
                && Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes)";
    }
}
