package io.twinloop.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An nginx configuration as a tree of directives ({@code name args... ;} or {@code name args... { ... }}), enough
 * to check which locations authenticate and what they pass to Ditto's gateway. Quotes and comments as nginx reads
 * them; no includes are followed.
 */
record NginxConf(String name, List<String> args, List<NginxConf> children) {

    static NginxConf parse(final String text) {
        final Tokens tokens = new Tokens(text);
        final NginxConf root = new NginxConf("", List.of(), new ArrayList<>());
        readBlock(tokens, root, true);
        return root;
    }

    /** Directives of this name directly in this block. */
    List<NginxConf> all(final String directive) {
        return children.stream().filter(c -> c.name.equals(directive)).toList();
    }

    Optional<NginxConf> first(final String directive) {
        return children.stream().filter(c -> c.name.equals(directive)).findFirst();
    }

    /** Directives of this name anywhere below. */
    List<NginxConf> everywhere(final String directive) {
        final List<NginxConf> found = new ArrayList<>();
        for (final NginxConf child : children) {
            if (child.name.equals(directive)) {
                found.add(child);
            }
            found.addAll(child.everywhere(directive));
        }
        return found;
    }

    String arg(final int index) {
        return args.get(index);
    }

    private static void readBlock(final Tokens tokens, final NginxConf block, final boolean top) {
        while (true) {
            final String token = tokens.next();
            if (token == null) {
                if (!top) {
                    throw new IllegalArgumentException("nginx.conf: block '" + block.name + "' is not closed");
                }
                return;
            }
            if (token.equals("}")) {
                if (top) {
                    throw new IllegalArgumentException("nginx.conf: '}' without a block at offset " + tokens.pos);
                }
                return;
            }
            final List<String> args = new ArrayList<>();
            String next;
            while ((next = tokens.next()) != null && !next.equals(";") && !next.equals("{")) {
                if (next.equals("}")) {
                    throw new IllegalArgumentException("nginx.conf: directive '" + token + "' is missing its ';'");
                }
                args.add(next);
            }
            if (next == null) {
                throw new IllegalArgumentException("nginx.conf: directive '" + token + "' is not terminated");
            }
            final NginxConf directive = new NginxConf(token, List.copyOf(args), new ArrayList<>());
            block.children.add(directive);
            if (next.equals("{")) {
                readBlock(tokens, directive, false);
            }
        }
    }

    private static final class Tokens {
        private final String text;
        private int pos;

        Tokens(final String text) {
            this.text = text;
        }

        String next() {
            while (pos < text.length()) {
                final char c = text.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    break;
                }
            }
            if (pos >= text.length()) {
                return null;
            }
            final char c = text.charAt(pos);
            if (c == '{' || c == '}' || c == ';') {
                pos++;
                return String.valueOf(c);
            }
            if (c == '"' || c == '\'') {
                final int end = text.indexOf(c, pos + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("nginx.conf: unclosed quote at offset " + pos);
                }
                final String quoted = text.substring(pos + 1, end);
                pos = end + 1;
                return quoted;
            }
            final int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
                    && "{};".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            return text.substring(start, pos);
        }
    }
}
