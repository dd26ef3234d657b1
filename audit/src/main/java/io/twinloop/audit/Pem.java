package io.twinloop.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** PEM text for keys: {@code -----BEGIN <type>-----}, Base64 in lines of 64, {@code -----END <type>-----}. */
final class Pem {

    private Pem() {
    }

    static String write(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] read(final Path file, final String type) {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (final IOException e) {
            throw new AuditLogException("cannot read " + file + ": " + e, e);
        }
        final String begin = "-----BEGIN " + type + "-----";
        final String end = "-----END " + type + "-----";
        final int from = text.indexOf(begin);
        final int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new AuditLogException(file + " is not a PEM file with a " + type + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (final IllegalArgumentException e) {
            throw new AuditLogException(file + ": the " + type + " block is not Base64: " + e.getMessage(), e);
        }
    }
}
