package io.twinloop.aas.environment;

/**
 * Bounds on what an AASX package may unpack to, so that a crafted archive (a zip bomb) is refused
 * before it fills memory or disk.
 *
 * @param maxEntries how many entries a package may have
 * @param maxTotalBytes how many bytes all entries may unpack to together
 * @param maxCompressionRatio how many times larger than its compressed size an entry may unpack to;
 *        only checked for entries over {@link #RATIO_CHECK_THRESHOLD} bytes, since tiny text parts compress well
 */
public record PackageLimits(int maxEntries, long maxTotalBytes, int maxCompressionRatio) {

    public static final long RATIO_CHECK_THRESHOLD = 1L << 20;

    public static PackageLimits defaults() {
        return new PackageLimits(10_000, 1L << 30, 200);
    }

    public PackageLimits {
        if (maxEntries < 1 || maxTotalBytes < 1 || maxCompressionRatio < 1) {
            throw new IllegalArgumentException("package limits must be positive");
        }
    }
}
